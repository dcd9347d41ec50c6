#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""信号量 / Semaphore(5): at most five threads at a time.

Ten threads want to "use the toilet" (the tutorial's example); the
semaphore has five places.  Five go in for 1 s, the other five wait in
acquire() until someone comes out.
"""
import time
from threading import Thread, Semaphore, current_thread

from threads_osname import name_this_thread

sm = Semaphore(5)
start = time.monotonic()


def task():
    name_this_thread()
    with sm:
        print('%s is in (at %.1f s)' % (current_thread().name, time.monotonic() - start), flush=True)
        time.sleep(1)


if __name__ == '__main__':
    name_this_thread('main')
    threads = [Thread(target=task, name='person-%d' % i) for i in range(1, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('main: everyone has had a turn')
