"""WTForms classes. They gather input; the services validate it, so that forms, imports
and the CLI accept exactly the same data."""
