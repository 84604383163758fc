#!/usr/bin/env python3
"""The pandas way (what the seed projects do), as a baseline for `hospigen load`.

Creates the tables of schema.sql (CREATE section: columns and primary key only), reads each CSV
written by `hospigen generate` with pandas and writes it with `DataFrame.to_sql(...,
if_exists='append', index=False)` (chunksize and method left at their defaults) over SQLAlchemy +
PyMySQL, then runs the same index and foreign-key ALTERs from schema.sql that `hospigen load`
runs. Prints one line:

    PANDAS rows=N total=S data=S indexes=S fks=S

`total` is wall time from the first CREATE to the last ALTER (Python start-up and imports are not
counted). Foreign keys are only added when every table is loaded (`--tables` not given).

Usage: pandas_load.py --url mysql+pymysql://root@127.0.0.1:3306/db --dir CSVDIR
                      --schema schema.sql [--tables er_visits,patients]
"""

import argparse
import json
import os
import re
import sys
import time

import pandas as pd
from sqlalchemy import create_engine


def schema_statements(path):
    """{'create'|'indexes'|'fks': [(table, statement), ...]} from schema.sql's three sections."""
    sections = {"create": [], "indexes": [], "fks": []}
    current = "create"
    for line in open(path, encoding="utf-8"):
        stripped = line.strip()
        if stripped.startswith("-- @indexes"):
            current = "indexes"
            continue
        if stripped.startswith("-- @foreign-keys"):
            current = "fks"
            continue
        if stripped.startswith("--"):
            continue
        sections[current].append(line)
    out = {}
    for name, lines in sections.items():
        out[name] = []
        for stmt in "".join(lines).split(";"):
            stmt = stmt.strip()
            if stmt:
                out[name].append((re.search(r"`([^`]+)`", stmt).group(1), stmt))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True, help="SQLAlchemy URL, mysql+pymysql://...")
    ap.add_argument("--dir", required=True, help="directory written by hospigen generate")
    ap.add_argument("--schema", required=True, help="path to schema.sql")
    ap.add_argument("--tables", help="comma-separated subset (default: all tables)")
    args = ap.parse_args()

    manifest = json.load(open(os.path.join(args.dir, "manifest.json"), encoding="utf-8"))
    files = {name: entry["file"] for name, entry in manifest["tables"].items()}
    tables = args.tables.split(",") if args.tables else sorted(files)
    for t in tables:
        if t not in files:
            sys.exit(f"pandas_load: no table {t!r} in {args.dir}/manifest.json")
    wanted = set(tables)
    stmts = schema_statements(args.schema)

    engine = create_engine(args.url)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        for table, stmt in stmts["create"]:
            if table in wanted:
                conn.exec_driver_sql(stmt)
    rows = 0
    for t in tables:
        # Empty field = NULL (the CSV contract); nothing else is a missing value.
        df = pd.read_csv(os.path.join(args.dir, files[t]), keep_default_na=False, na_values=[""])
        df.to_sql(t, engine, if_exists="append", index=False)
        rows += len(df)
    t1 = time.perf_counter()
    with engine.begin() as conn:
        for table, stmt in stmts["indexes"]:
            if table in wanted:
                conn.exec_driver_sql(stmt)
    t2 = time.perf_counter()
    if not args.tables:
        with engine.begin() as conn:
            conn.exec_driver_sql("SET SESSION foreign_key_checks = 0")
            for _table, stmt in stmts["fks"]:
                conn.exec_driver_sql(stmt)
    t3 = time.perf_counter()
    engine.dispose()
    print(f"PANDAS rows={rows} total={t3 - t0:.3f} data={t1 - t0:.3f} indexes={t2 - t1:.3f} fks={t3 - t2:.3f}")


if __name__ == "__main__":
    main()
