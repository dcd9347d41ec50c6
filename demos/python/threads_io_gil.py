#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""python线程GIL / IO-bound threads gain despite the GIL.

A thread that blocks (here: waits 0.5 s for a reply that is slow to
come, like a web request) gives the GIL up while it waits, so other
threads run.  Four such requests one after another take 2 s; in four
threads they wait at the same time and take 0.5 s.  The program prints
what it measured.  (threads_gil.py shows the CPU-bound side.)
"""
import socket
import time
from threading import Thread


def slow_request(number):
    ours, theirs = socket.socketpair()
    answer = Thread(target=lambda: (time.sleep(0.5), theirs.sendall(b'reply')))
    answer.start()
    ours.recv(100)          # blocks 0.5 s: the GIL is free meanwhile
    answer.join()
    ours.close()
    theirs.close()


if __name__ == '__main__':
    start = time.monotonic()
    for i in range(4):
        slow_request(i)
    one_by_one = time.monotonic() - start
    start = time.monotonic()
    threads = [Thread(target=slow_request, args=(i,), name='request-%d' % i) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    together = time.monotonic() - start
    print('measured: four requests one by one %.2f s; in four threads %.2f s (%.1fx faster)'
          % (one_by_one, together, one_by_one / together))
