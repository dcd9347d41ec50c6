#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""开线程的两种方式 / Two ways to start a thread, then join them.

worker-1 and worker-2 are Thread(target=...); worker-3 and worker-4 are a
subclass of Thread with run() overridden.  Each works (sleeps) a different
time; the main thread join()s them one by one.
"""
import time
from threading import Thread, current_thread


def task(seconds):
    print('%s is running, for %.1f s' % (current_thread().name, seconds), flush=True)
    time.sleep(seconds)
    print('%s is done' % current_thread().name, flush=True)


class MyThread(Thread):
    def __init__(self, name, seconds):
        super().__init__(name=name)
        self.seconds = seconds

    def run(self):
        task(self.seconds)


if __name__ == '__main__':
    threads = [Thread(target=task, args=(0.4,), name='worker-1'),
               Thread(target=task, args=(0.8,), name='worker-2'),
               MyThread('worker-3', 1.2),
               MyThread('worker-4', 1.6)]
    for t in threads:
        t.start()
    print('main: all started; join() waits for each', flush=True)
    for t in threads:
        t.join()
        print('main: joined', t.name, flush=True)
    print('main: done')
