#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""切换开销 / The cost of a switch: processes, threads, coroutines.

The tutorial: "协程的切换开销更小,属于程序级别的切换,操作系统完全感知不到"
(a coroutine switch is cheaper: the program switches, the operating system
never sees it).  The same ping-pong three times, 1000 round trips each:
two processes over two pipes, two threads over two pipes, and two
greenlets that switch() to each other in one thread.  Each part prints
what it measured: the time per switch, and how many context switches the
kernel counted (getrusage) — thousands for processes and threads, none for
greenlets.  Under weft every greenlet switch also runs weft's probe (a few
microseconds), so compare the times without weft; the kernel's counts are
the same either way.  The partner process or thread is started 0.3 s before
the first ping, so it can be seen waiting for it.
"""
import os
import resource
import threading
import time
from multiprocessing import Process

from greenlet import greenlet

ROUNDS = 3000
HEAD_START = 0.3


def pong_over(pings, pongs):
    """Answers every byte on pings with a byte on pongs."""
    for _ in range(ROUNDS):
        os.read(pings, 1)
        os.write(pongs, b'o')


def ping_over(pings, pongs):
    """Sends ROUNDS pings, each answered before the next; returns seconds."""
    start = time.perf_counter()
    for _ in range(ROUNDS):
        os.write(pings, b'i')
        os.read(pongs, 1)
    return time.perf_counter() - start


def kernel_switches():
    """Context switches the kernel counted for this process and its reaped children."""
    counts = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(c.ru_nvcsw + c.ru_nivcsw for c in counts)


def report(what, seconds, switches):
    micro = seconds / (2 * ROUNDS) * 1e6
    print('%-10s %d round trips in %6.1f ms: %6.2f us a switch; the kernel counted %d context switches'
          % (what, ROUNDS, seconds * 1000, micro, switches), flush=True)
    return micro


def with_partner(what, make_partner, partner_name):
    """Ping-pong over two pipes with a partner process or thread."""
    pings_r, pings_w = os.pipe()
    pongs_r, pongs_w = os.pipe()
    partner = make_partner(target=pong_over, args=(pings_r, pongs_w), name=partner_name)
    partner.start()
    time.sleep(HEAD_START)
    before = kernel_switches()
    seconds = ping_over(pings_w, pongs_r)
    partner.join()
    switches = kernel_switches() - before
    for fd in (pings_r, pings_w, pongs_r, pongs_w):
        os.close(fd)
    return report(what, seconds, switches)


def ping():
    for _ in range(ROUNDS):
        pong_greenlet.switch()


def pong():
    for _ in range(ROUNDS):
        ping_greenlet.switch()


ping_greenlet = greenlet(ping)
pong_greenlet = greenlet(pong)


def with_greenlets():
    before = kernel_switches()
    start = time.perf_counter()
    ping_greenlet.switch()
    seconds = time.perf_counter() - start
    return report('greenlets', seconds, kernel_switches() - before)


if __name__ == '__main__':
    threading.current_thread().name = 'ping'
    process_cost = with_partner('processes', Process, 'pong-process')
    thread_cost = with_partner('threads', threading.Thread, 'pong-thread')
    time.sleep(HEAD_START)
    greenlet_cost = with_greenlets()
    print('measured: a process switch cost %.1fx a thread switch, and %.0fx a greenlet switch'
          % (process_cost / thread_cost, process_cost / greenlet_cost), flush=True)
