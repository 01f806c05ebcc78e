"""Collectors: the only package that talks to the network (search results, leak URLs, imports).

Empty until the collection work lands; the package exists so the import walls hold from day one.
"""
