#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""信号驱动IO / Signal-driven IO: SIGIO says when data has arrived.

The fourth of Stevens' IO models, which the tutorial names and then
skips.  The process asks the kernel to send it SIGIO when its socket
becomes readable: fcntl(F_SETOWN, our pid) and the O_ASYNC flag.  It
then does other work (here: sleeps in short steps); a child sends three
messages 0.4 s apart; each arrival raises SIGIO, the handler reads the
message (the socket is non-blocking, the data is already there).
"""
import fcntl
import os
import signal
import socket
import time

got = []


def on_sigio(signum, frame):
    while True:
        try:
            data = ours.recv(100)
        except BlockingIOError:
            return
        if not data:           # the sender closed its end
            return
        got.append(data)
        print('SIGIO handler: read %r' % got[-1], flush=True)


if __name__ == '__main__':
    ours, theirs = socket.socketpair()
    signal.signal(signal.SIGIO, on_sigio)
    ours.setblocking(False)
    fcntl.fcntl(ours, fcntl.F_SETOWN, os.getpid())                        # 信号发给我们 / to us
    fcntl.fcntl(ours, fcntl.F_SETFL, fcntl.fcntl(ours, fcntl.F_GETFL) | os.O_ASYNC)
    pid = os.fork()
    if pid == 0:
        ours.close()
        for i in range(3):
            time.sleep(0.4)
            theirs.send(b'message %d' % (i + 1))
        os._exit(0)
    theirs.close()
    work = 0
    while len(got) < 3:
        time.sleep(0.05)       # "other work"; no read, no select
        work += 1
    os.waitpid(pid, 0)
    print('main: %d messages came by SIGIO while it did %d steps of other work' % (len(got), work))
