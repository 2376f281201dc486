"""The catalogue itself: taxonomy, credential and provider records, their store, importer and index."""
