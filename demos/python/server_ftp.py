#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""ftp 文件服务器 / The tutorial's small FTP-like file server.

A thread per client serves a file library (a temporary directory) with
line commands:  L (list: "name size" lines, then "."),  G name (get:
"OK size" then the bytes),  P name size (put: the bytes follow; "OK"),
Q (quit).  A downloader process gets the 512 KiB library.bin and checks
every byte; an uploader puts homework.bin (256 KiB) and lists the library.
Files go in 16 KiB pieces with a short pause, so the class can watch.
"""
import os
import shutil
import socket
import tempfile
import threading
import time

from io_clients import fork_client, listen, wait_clients

LIBRARY_BYTES = 512 * 1024
UPLOAD_BYTES = 256 * 1024
PIECE = 16384


def pattern(size, seed):
    return bytes((i * 131 + seed) & 0xff for i in range(size))


def recv_exactly(f, size):
    data = f.read(size)
    if len(data) != size:
        raise ConnectionError('the connection ended in the middle of a file')
    return data


def session(conn, library):
    threading.current_thread().name = 'ftp-session'
    f = conn.makefile('rwb')
    for line in f:
        words = line.decode().split()
        if words == ['L']:
            for name in sorted(os.listdir(library)):
                f.write(('%s %d\n' % (name, os.path.getsize(os.path.join(library, name)))).encode())
            f.write(b'.\n')
        elif len(words) == 2 and words[0] == 'G':
            path = os.path.join(library, os.path.basename(words[1]))
            if not os.path.isfile(path):
                f.write(b'ERR no such file\n')
            else:
                print('ftp-session: sending', words[1], flush=True)
                f.write(('OK %d\n' % os.path.getsize(path)).encode())
                with open(path, 'rb') as source:
                    while piece := source.read(PIECE):
                        f.write(piece)
                        f.flush()
                        time.sleep(0.04)  # a slow line
        elif len(words) == 3 and words[0] == 'P':
            size = int(words[2])
            print('ftp-session: receiving %s (%d bytes)' % (words[1], size), flush=True)
            with open(os.path.join(library, os.path.basename(words[1])), 'wb') as target:
                while size > 0:
                    piece = recv_exactly(f, min(PIECE, size))
                    target.write(piece)
                    size -= len(piece)
                    time.sleep(0.04)  # a slow disk
            f.write(b'OK\n')
        elif words == ['Q']:
            break
        f.flush()
    f.close()
    conn.close()


def downloader(port):
    c = socket.create_connection(('127.0.0.1', port))
    f = c.makefile('rwb')
    f.write(b'G library.bin\n')
    f.flush()
    size = int(f.readline().split()[1])
    if recv_exactly(f, size) != pattern(LIBRARY_BYTES, 7):
        return 1
    print('downloader: got library.bin, %d bytes, every byte right' % size, flush=True)
    f.write(b'Q\n')
    f.close()
    return 0


def uploader(port):
    c = socket.create_connection(('127.0.0.1', port))
    f = c.makefile('rwb')
    f.write(b'P homework.bin %d\n' % UPLOAD_BYTES)
    f.write(pattern(UPLOAD_BYTES, 3))
    f.flush()
    print('uploader: put homework.bin:', f.readline().decode().strip(), flush=True)
    f.write(b'L\n')
    f.flush()
    listing = []
    while (line := f.readline().decode().strip()) != '.':
        print('uploader: the library has:', line, flush=True)
        listing.append(line)
    f.write(b'Q\n')
    f.close()
    return 0 if 'homework.bin %d' % UPLOAD_BYTES in listing else 1


if __name__ == '__main__':
    threading.current_thread().name = 'ftp-server'
    library = tempfile.mkdtemp(prefix='weft-ftp-')
    with open(os.path.join(library, 'library.bin'), 'wb') as f:
        f.write(pattern(LIBRARY_BYTES, 7))
    with open(os.path.join(library, 'readme.txt'), 'w') as f:
        f.write('Files of the weft FTP demo.\n')
    sockfd, port = listen()
    print('server: file library %s, listening on 127.0.0.1:%d' % (library, port), flush=True)
    clients = [fork_client('downloader', downloader, port), fork_client('uploader', uploader, port)]
    sessions = []
    for _ in clients:
        conn, addr = sockfd.accept()
        t = threading.Thread(target=session, args=(conn, library))
        t.start()
        sessions.append(t)
    for t in sessions:
        t.join()
    ok = wait_clients(clients)
    shutil.rmtree(library)
    print('server: %d of %d clients succeeded; library removed' % (ok, len(clients)))
