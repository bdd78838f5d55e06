"""The crawler stage: news sources in, `claimgraph.records.Article` JSONL out.

`crawler.run.crawl()` is the entry point; the Scrapy spiders, item pipelines and extensions run
in a child process (one per crawl) so a process may crawl again and again.
"""
