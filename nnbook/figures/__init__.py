"""The book's own figures: each module draws one chapter's pictures with nnkit.plotting.

Pictures that any user of nnkit wants (decision regions, curves, network diagrams) live in
nnkit; a picture made for one page of the book lives here.
"""
