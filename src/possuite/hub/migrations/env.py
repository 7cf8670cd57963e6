"""Alembic environment of the hub: always run on the connection handed over by possuite.hub.schema."""

from alembic import context

from possuite.hub.schema import VERSION_TABLE

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE,
                      transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
