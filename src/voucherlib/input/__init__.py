"""Input: the one place where cells of a file or a frame become typed values.

Every reader (settle, occupancy, invoice, claims; CSV, XLSX, DataFrame) goes through here, so a
cell means the same thing whichever file it came from. Imports point one way only:
input → rules → reports → output → command line.
"""
