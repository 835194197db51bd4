#!/usr/bin/env python3
"""Records the Kafka frames a real client exchanges with a broker, for the codec tests.

Listens on 127.0.0.1:LISTEN, forwards every connection to the broker at 127.0.0.1:UPSTREAM,
and writes each request and its response into OUT_DIR as
NNN-<api key>-v<version>.req / .resp (the size prefix stripped). Frames from every
connection are numbered in one sequence, in the order the requests arrived.

    capture_frames.py LISTEN UPSTREAM OUT_DIR
"""
import os
import socket
import struct
import sys
import threading

lock = threading.Lock()
counter = [0]


def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_frame(sock):
    (size,) = struct.unpack(">i", read_exact(sock, 4))
    return read_exact(sock, size)


def serve(client, upstream_port, out_dir):
    upstream = socket.create_connection(("127.0.0.1", upstream_port))
    pending = {}  # correlation id -> file stem
    order = []

    def pump_responses():
        try:
            while True:
                frame = read_frame(upstream)
                (corr,) = struct.unpack(">i", frame[:4])
                stem = pending.pop(corr, None)
                if stem:
                    with open(os.path.join(out_dir, stem + ".resp"), "wb") as f:
                        f.write(frame)
                client.sendall(struct.pack(">i", len(frame)) + frame)
        except (EOFError, OSError):
            client.close()

    threading.Thread(target=pump_responses, daemon=True).start()
    try:
        while True:
            frame = read_frame(client)
            key, version, corr = struct.unpack(">hhi", frame[:8])
            with lock:
                counter[0] += 1
                stem = "%03d-%02d-v%d" % (counter[0], key, version)
            with open(os.path.join(out_dir, stem + ".req"), "wb") as f:
                f.write(frame)
            # Produce with acks=0 gets no response.
            pending[corr] = stem
            upstream.sendall(struct.pack(">i", len(frame)) + frame)
    except (EOFError, OSError):
        upstream.close()


def main():
    listen, upstream, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen))
    server.listen()
    while True:
        client, _ = server.accept()
        threading.Thread(target=serve, args=(client, upstream, out_dir), daemon=True).start()


if __name__ == "__main__":
    main()
