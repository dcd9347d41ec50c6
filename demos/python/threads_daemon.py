#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""守护线程 / A daemon thread ends with the process.

The heartbeat thread is daemon=True and loops forever; the worker thread is
not a daemon.  Python waits for the worker, then exits, and the daemon
thread dies with the process in the middle of its loop.
"""
import threading
import time
from threading import Thread


def heartbeat():
    threading.current_thread().name = 'daemon-beat'
    beat = 0
    while True:
        beat += 1
        print('daemon-beat: beat', beat, '(never ends by itself)', flush=True)
        time.sleep(0.25)


def worker():
    threading.current_thread().name = 'worker'
    # 2.1 s, between two beats: the daemon is asleep while Python shuts
    # down (one that wakes during shutdown ends itself at the GIL instead).
    time.sleep(2.1)
    print('worker: done', flush=True)


if __name__ == '__main__':
    threading.current_thread().name = 'main'
    t = Thread(target=heartbeat)
    t.daemon = True  # 必须在 t.start() 之前设置 / set before start()
    t.start()
    Thread(target=worker).start()
    print('main: my code is done; Python now waits for the non-daemon worker only', flush=True)
