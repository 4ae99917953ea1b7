"""The asyncpg contender's worker, driven line by line by AsyncpgContender (Java).

Commands on stdin, one per line; every reply starts with "OK <wall-ns> <cpu-ns> <rows>" (the
operation's own time, measured here around the awaited call only) followed by <rows> result
lines, or with "ERR <message>":
  select <from> <to>      fetch the rows with from <= id < to as asyncpg Records
  find <id,id,...>        one fetchrow per id, in order
  load <path>             read a row file written by the Java side (untimed), keep it
  insert <path> <schema>  copy_records_to_table with the loaded rows
Result rows are tab-separated: id, name, email, age, active (1/0), score (repr), balance,
created_at (epoch microseconds), external_id, profile; tabs, newlines and backslashes escaped.
"""
import asyncio
import datetime
import decimal
import sys
import time
import uuid

import asyncpg

COLUMNS = ["id", "name", "email", "age", "active", "score", "balance", "created_at", "external_id", "profile"]
SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM bench_user"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MICRO = datetime.timedelta(microseconds=1)


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def unescape(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"t": "\t", "n": "\n"}.get(nxt, nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def line(r):
    return "\t".join([
        str(r[0]), escape(r[1]), escape(r[2]), str(r[3]), "1" if r[4] else "0", repr(r[5]), str(r[6]),
        str((r[7] - EPOCH) // MICRO), str(r[8]), escape(r[9])])


def parse(fields):
    return (int(fields[0]), unescape(fields[1]), unescape(fields[2]), int(fields[3]), fields[4] == "1",
            float(fields[5]), decimal.Decimal(fields[6]), EPOCH + datetime.timedelta(microseconds=int(fields[7])),
            uuid.UUID(fields[8]), unescape(fields[9]))


async def timed(work):
    cpu = time.process_time_ns()
    start = time.perf_counter_ns()
    result = await work
    return result, time.perf_counter_ns() - start, time.process_time_ns() - cpu


async def find_all(conn, ids):
    found = []
    for i in ids:
        found.append(await conn.fetchrow(SELECT + " WHERE id = $1", i))
    return found


def reply(wall, cpu, rows):
    out = sys.stdout
    out.write("OK %d %d %d\n" % (wall, cpu, len(rows)))
    for r in rows:
        if r is not None:
            out.write(line(r) + "\n")
        else:
            out.write("-\n")
    out.flush()


async def main(dsn):
    conn = await asyncpg.connect(dsn)
    loaded = {}
    for raw in sys.stdin:
        parts = raw.split()
        if not parts:
            continue
        try:
            if parts[0] == "select":
                rows, wall, cpu = await timed(conn.fetch(SELECT + " WHERE id >= $1 AND id < $2 ORDER BY id",
                                                         int(parts[1]), int(parts[2])))
                reply(wall, cpu, rows)
            elif parts[0] == "find":
                rows, wall, cpu = await timed(find_all(conn, [int(x) for x in parts[1].split(",")]))
                reply(wall, cpu, rows)
            elif parts[0] == "load":
                if parts[1] not in loaded:
                    with open(parts[1], encoding="utf-8") as f:
                        loaded[parts[1]] = [parse(l.rstrip("\n").split("\t")) for l in f]
                reply(0, 0, [])
            elif parts[0] == "insert":
                _, wall, cpu = await timed(conn.copy_records_to_table(
                    "bench_user", records=loaded[parts[1]], columns=COLUMNS, schema_name=parts[2]))
                reply(wall, cpu, [])
            else:
                raise ValueError("unknown command " + parts[0])
        except Exception as ex:  # reported to the Java side, which fails the size
            sys.stdout.write("ERR " + repr(ex).replace("\n", " ") + "\n")
            sys.stdout.flush()
    await conn.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
