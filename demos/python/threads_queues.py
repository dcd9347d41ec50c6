#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""线程queue / Queue (FIFO), LifoQueue (LIFO) and PriorityQueue.

For each kind, the consumer thread blocks in get() on the empty queue; 0.8 s
later the producer puts five items, and the consumer shows the order it
gets them in.
"""
import queue
import time
from threading import Thread

from threads_osname import name_this_thread

ITEMS = [(3, 'wash'), (1, 'urgent: fire'), (5, 'read'), (2, 'eat'), (4, 'sleep')]


def producer(q, name):
    name_this_thread('producer')
    time.sleep(0.8)
    for item in ITEMS:
        print('producer: %s.put(%r)' % (name, item), flush=True)
        q.put(item)


def consumer(q, name):
    name_this_thread('consumer')
    first = q.get()        # blocks: the queue is empty
    time.sleep(0.1)        # by now the producer has put the rest
    print('consumer: %s.get() -> %r' % (name, first), flush=True)
    for _ in range(len(ITEMS) - 1):
        print('consumer: %s.get() -> %r' % (name, q.get()), flush=True)


if __name__ == '__main__':
    name_this_thread('main')
    for q, name in ((queue.Queue(), 'Queue'), (queue.LifoQueue(), 'LifoQueue'),
                    (queue.PriorityQueue(), 'PriorityQueue')):
        c = Thread(target=consumer, args=(q, name))
        p = Thread(target=producer, args=(q, name))
        c.start()
        p.start()
        p.join()
        c.join()
