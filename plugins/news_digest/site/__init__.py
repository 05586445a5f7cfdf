"""The Pelican adapter: the plugin object and its signal receivers, generators,
the writer and page reuse, Pelican-internal overrides, feed extras, search."""
