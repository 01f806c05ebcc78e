"""``make bench`` entry point. No benchmark exists yet: the benchmark work adds them here."""

from __future__ import annotations


def main() -> None:
    """Print the benchmark table (empty until the first benchmark lands)."""
    print("serpshield bench: no benchmarks yet")


if __name__ == "__main__":
    main()
