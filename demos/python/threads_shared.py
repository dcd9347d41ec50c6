#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""同一进程内的多个线程数据是共享的 / Threads share the process's globals.

A writer thread changes the global n every 0.3 s; two reader threads see
every change.  (A child process would only change its own copy.)
At the end the main thread forks a child that exits with n as its exit
code, so the trace itself shows the value the main thread sees: 106.
"""
import os
import threading
import time
from threading import Thread


n = 100


def writer():
    global n
    threading.current_thread().name = 'writer'
    for i in range(1, 7):
        time.sleep(0.3)
        n = 100 + i
        print('writer: n =', n, flush=True)


def reader(number):
    threading.current_thread().name = 'reader-%d' % number
    last = None
    while last != 106:
        if n != last:
            print('reader-%d sees n = %d' % (number, n), flush=True)
            last = n
        time.sleep(0.05)


if __name__ == '__main__':
    threading.current_thread().name = 'main'
    threads = [Thread(target=reader, args=(1,)), Thread(target=reader, args=(2,)),
               Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('main: n is now', n, '- the threads changed the main thread\'s n too', flush=True)
    pid = os.fork()
    if pid == 0:
        os._exit(n)  # 退出码就是 n / the exit code is n
    os.waitpid(pid, 0)
    print('main: a child exited with code n = %d (see its row in the timeline)' % n)
