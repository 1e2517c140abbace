"""One layout engine per diagram kind; `renderers.whiteboard.layout` maps kinds to them."""
