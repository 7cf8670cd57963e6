"""Use cases over one unit of work: checkout, collections, customers, catalog, users,
reports queries and the integrity check. Permissions are enforced here."""
