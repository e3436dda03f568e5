"""Opening the index: engine, SQLite pragmas, Alembic migrations, site settings."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from recorder.index.models import DEFAULT_PLAN, PLANS, Setting

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(db_file: Path) -> str:
    return f"sqlite:///{db_file}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the client read while the recorder writes; FULL because a row must
    # never point at footage that a power cut could still take back.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_index(url: str) -> sessionmaker[Session]:
    engine = make_engine(url)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


def get_plan(session: Session) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == "plan"))
    return value if value in PLANS else DEFAULT_PLAN


def set_plan(session: Session, plan: str) -> None:
    if plan not in PLANS:
        raise ValueError(f"unknown plan {plan!r}; choose one of {', '.join(PLANS)}")
    session.merge(Setting(key="plan", value=plan))
