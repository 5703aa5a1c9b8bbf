"""Blueprints: thin request handlers over the services."""
