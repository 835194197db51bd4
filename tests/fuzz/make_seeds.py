#!/usr/bin/env python3
"""Writes the hand-made fuzz seeds under tests/data/fuzz (run from anywhere; re-run after an
API gains a version).

request/versions/KEY-vN.seed   one frame per API key and version the broker serves, the
                               version list read from core/broker/apis/*.cpp
request/hostile/*.seed         frames that broke the broker once
request/sessions/*.seed        every request of one captured client session, in order,
                               separated as fuzz_request.cpp expects
record_batch/*.seed            v2 batches (plain, gzip, idempotent), v0/v1 message sets
recovery/*.seed                partition directories as fuzz_recovery.cpp reads them

Beside these, request/captured/ holds what real clients send (tests/fuzz/capture_seeds.sh)
and each */found/ what the fuzzers reached (tests/fuzz/run_long.sh).
"""
import glob
import gzip
import os
import re
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "data", "fuzz")
SEPARATOR = b"\xfe\xc4\x1f\xef"
CRC_TABLE = []


def crc32c(data):
    if not CRC_TABLE:
        for i in range(256):
            c = i
            for _ in range(8):
                c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
            CRC_TABLE.append(c)
    crc = 0xFFFFFFFF
    for b in data:
        crc = CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def write(path, data):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def varint(v):
    u = (v << 1) ^ (v >> 63)
    u &= (1 << 64) - 1
    out = b""
    while u >= 0x80:
        out += bytes([(u & 0x7F) | 0x80])
        u >>= 7
    return out + bytes([u])


def record(offset_delta, key, value, ts_delta=0, headers=()):
    body = b"\x00" + varint(ts_delta) + varint(offset_delta)
    body += varint(-1) if key is None else varint(len(key)) + key
    body += varint(-1) if value is None else varint(len(value)) + value
    body += varint(len(headers))
    for hk, hv in headers:
        body += varint(len(hk)) + hk + varint(len(hv)) + hv
    return varint(len(body)) + body


def batch(records, base_offset=0, attributes=0, last_delta=None, count=None, base_ts=1700000000000,
          producer_id=-1, producer_epoch=-1, base_sequence=-1, payload=None, crc_ok=True):
    n = len(records)
    payload = b"".join(records) if payload is None else payload
    last_delta = n - 1 if last_delta is None else last_delta
    count = n if count is None else count
    after_crc = struct.pack(">hiqqqhii", attributes, last_delta, base_ts, min(base_ts + n, 2**63 - 1), producer_id,
                            producer_epoch, base_sequence, count) + payload
    crc = crc32c(after_crc) if crc_ok else 0
    after_length = struct.pack(">ibI", -1, 2, crc) + after_crc
    return struct.pack(">qi", base_offset, len(after_length)) + after_length


def legacy_message(magic, key, value, offset=0):
    body = struct.pack(">bb", magic, 0)
    if magic == 1:
        body += struct.pack(">q", 1700000000000)
    body += struct.pack(">i", len(key)) + key + struct.pack(">i", len(value)) + value
    message = struct.pack(">I", zlib.crc32(body)) + body
    return struct.pack(">qi", offset, len(message)) + message


def request_header(key, version, flexible, client_id=b"fuzz", correlation=7):
    h = struct.pack(">hhi", key, version, correlation)
    h += struct.pack(">h", -1) if client_id is None else struct.pack(">h", len(client_id)) + client_id
    return h + (b"\x00" if flexible else b"")


def api_versions():
    keys = {}
    with open(os.path.join(ROOT, "core/broker/protocol/api_key.h")) as f:
        for name, value in re.findall(r"(\w+) = (\d+),", f.read()):
            keys[name] = int(value)
    specs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "core/broker/apis/*.cpp"))):
        with open(path) as f:
            text = f.read()
        for name, lo, hi, flex in re.findall(
                r"ApiSpec k\w+ \{\s*ApiKey::(\w+),\s*\"[^\"]*\",\s*(\d+),\s*(\d+),\s*([\w:]+)", text):
            first_flexible = 0x7FFF if "Never" in flex else int(flex)
            specs.append((keys[name], int(lo), int(hi), first_flexible))
    return specs


def request_seeds():
    for key, lo, hi, first_flexible in api_versions():
        for v in range(lo, hi + 1):
            flexible = v >= first_flexible
            # Empty strings and arrays in either encoding, then zeros for the numbers.
            body = (b"\x01" if flexible else b"\x00\x00\x00\x00") * 8 + b"\x00" * 24
            write(f"request/versions/{key:02d}-v{v}.seed", request_header(key, v, flexible) + body)

    # Produce v0, null client id, acks 1, topic "a", partition 0, one batch whose last offset
    # delta is INT32_MAX and whose CRC is wrong: it aborted the sanitizer-built broker.
    hostile = batch([b"\x00" * 0], last_delta=0x7FFFFFFF, count=1, crc_ok=False, payload=b"")
    frame = request_header(0, 0, False, client_id=None) + struct.pack(">hi", 1, 1000)
    frame += struct.pack(">i", 1) + struct.pack(">h", 1) + b"a" + struct.pack(">i", 1)
    frame += struct.pack(">i", 0) + struct.pack(">i", len(hostile)) + hostile
    assert len(frame) == 96, len(frame)
    write("request/hostile/produce-v0-offset-delta-overflow.seed", frame)

    for session in sorted(glob.glob(os.path.join(ROOT, "tests/data/frames/*"))):
        frames = []
        for path in sorted(glob.glob(os.path.join(session, "*.req"))):
            with open(path, "rb") as f:
                frames.append(f.read())
        for i in range(0, len(frames), 8):
            write(f"request/sessions/{os.path.basename(session)}-{i // 8:02d}.seed",
                  SEPARATOR.join(frames[i:i + 8]))


def record_batch_seeds():
    fix = b"\x01"
    plain = batch([record(0, b"q1", b"cod and chips"), record(1, None, b"plaice", 5,
                                                               [(b"till", b"2")])])
    write("record_batch/v2-plain.seed", fix + plain)
    write("record_batch/v2-two-batches.seed", fix + plain + batch([record(0, b"k", b"v")]))
    write("record_batch/v2-idempotent.seed",
          fix + batch([record(0, b"k", b"v")], producer_id=4000, producer_epoch=0, base_sequence=0))
    inner = record(0, b"q1", b"haddock") + record(1, b"q2", b"mushy peas")
    write("record_batch/v2-gzip.seed",
          fix + batch([b"", b""], attributes=1, payload=gzip.compress(inner)))
    write("record_batch/v2-delta-overflow.seed",
          b"\x00" + batch([], last_delta=0x7FFFFFFF, count=1, payload=b""))
    write("record_batch/v2-timestamp-overflow.seed",
          fix + batch([record(0, None, b"v", ts_delta=1)], base_ts=0x7FFFFFFFFFFFFFFF))
    write("record_batch/v2-producer-id-max.seed",
          fix + batch([record(0, None, b"v")], producer_id=0x7FFFFFFFFFFFFFFF, producer_epoch=0,
                      base_sequence=0))
    write("record_batch/v0-message-set.seed", b"\x00" + legacy_message(0, b"k", b"v"))
    write("record_batch/v1-message-set.seed", b"\x00" + legacy_message(1, b"k", b"v"))


def recovery_seeds():
    one = batch([record(0, b"k", b"v")])
    two = batch([record(0, b"a", b"1"), record(1, b"b", b"2")], base_offset=1)
    index = struct.pack(">II", 1, len(one))
    time_index = struct.pack(">qI", 1700000000002, 1)
    log = one + two
    write("recovery/clean.seed", b"\x00\x00" + SEPARATOR.join([log, index, time_index]))
    write("recovery/torn-tail.seed", b"\x00\x00" + SEPARATOR.join([log[:-7], index, time_index]))
    write("recovery/bad-crc.seed", b"\x00\x00" + one + two[:30] + b"\xff" + two[31:])
    write("recovery/delta-overflow.seed",
          b"\x01\x00" + one + batch([record(0, b"k", b"v")], base_offset=1, last_delta=0x7FFFFFFF))
    write("recovery/base-offset-max.seed",
          b"\x01\x00" + one + batch([record(0, b"k", b"v")], base_offset=0x7FFFFFFFFFFFFFFF))
    older = batch([record(0, b"k", b"v")] * 3)
    write("recovery/two-segments.seed", b"\x07\x03" + SEPARATOR.join(
        [batch([record(0, b"k", b"v")], base_offset=3), b"", b"", older, b"", b"", b"2\n"]))
    write("recovery/random-bytes.seed", b"\x00\x00" + bytes((i * 73 + 11) % 256 for i in range(300)))


if __name__ == "__main__":
    request_seeds()
    record_batch_seeds()
    recovery_seeds()
