"""Readers that turn sources (files, pages, feeds, dumps) into `model.Article` records."""
