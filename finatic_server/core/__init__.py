"""The SDK's logic that does no I/O: configuration, session state, retries, errors, pages, orders."""
