#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""线程queue / Queue (FIFO), LifoQueue (LIFO) and PriorityQueue.

For each kind, the consumer thread first waits until the producer has put
all five items (0.8 s later), then takes them: so the order it prints is
the queue's order, not the order in which items happened to arrive.  (A
consumer already blocked in get() would take the first item the moment it
is put, and LIFO or priority order would depend on timing.)
"""
import queue
import threading
import time
from threading import Event, Thread


ITEMS = [(3, 'wash'), (1, 'urgent: fire'), (5, 'read'), (2, 'eat'), (4, 'sleep')]


def producer(q, name, filled):
    threading.current_thread().name = 'producer'
    time.sleep(0.8)
    for item in ITEMS:
        print('producer: %s.put(%r)' % (name, item), flush=True)
        q.put(item)
    filled.set()


def consumer(q, name, filled):
    threading.current_thread().name = 'consumer'
    filled.wait()          # 等生产者放完 / wait until all five are in
    for _ in range(len(ITEMS)):
        print('consumer: %s.get() -> %r' % (name, q.get()), flush=True)


if __name__ == '__main__':
    threading.current_thread().name = 'main'
    for q, name in ((queue.Queue(), 'Queue'), (queue.LifoQueue(), 'LifoQueue'),
                    (queue.PriorityQueue(), 'PriorityQueue')):
        filled = Event()
        c = Thread(target=consumer, args=(q, name, filled))
        p = Thread(target=producer, args=(q, name, filled))
        c.start()
        p.start()
        p.join()
        c.join()
