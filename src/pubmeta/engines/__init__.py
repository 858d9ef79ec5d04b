"""Engines that run the ingest pipeline elsewhere than the local machine's processes."""
