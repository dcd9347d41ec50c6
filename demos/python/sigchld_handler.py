#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""通过信号处理子进程退出 / A SIGCHLD handler reaps children as they end.

The tutorial ignores SIGCHLD so that the kernel reaps the children.
Another way keeps their exit status: a handler for SIGCHLD that calls
os.waitpid(-1, os.WNOHANG) until no ended child is left.  The parent
forks three children that end after 0.3, 0.6 and 0.9 s and goes on with
its own work; each child's end interrupts it briefly, the handler reaps
that child, and no zombie is left waiting.
"""
import os
import signal
import time

reaped = []


def on_sigchld(signum, frame):
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)   # 不阻塞 / never blocks
        except ChildProcessError:
            return
        if pid == 0:
            return
        reaped.append(pid)
        print('handler: reaped %d (exit code %d)' % (pid, os.waitstatus_to_exitcode(status)), flush=True)


if __name__ == '__main__':
    signal.signal(signal.SIGCHLD, on_sigchld)
    for i in range(1, 4):
        if os.fork() == 0:
            time.sleep(0.3 * i)
            os._exit(i)
    while len(reaped) < 3:
        time.sleep(0.05)                               # the parent's own work
    print('parent: all three reaped by the handler while it worked')
