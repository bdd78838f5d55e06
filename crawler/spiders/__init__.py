"""The spiders: they only yield requests and items (feeds, sitemaps, article pages)."""
