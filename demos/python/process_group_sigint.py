#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""KeyboardInterrupt: Ctrl+C reaches a whole process group.

Pressing Ctrl+C makes the terminal send SIGINT to every process of the
foreground process group, not only to the one you started.  Here the
program plays the terminal: it starts its own process group
(os.setpgid), forks three workers into it, and after 0.5 s sends SIGINT
to the group with os.killpg, as Ctrl+C would.  The workers do not handle
it and die of signal 2; the parent, in the same group, gets SIGINT too,
as a KeyboardInterrupt it catches, then reaps the workers.
"""
import os
import signal
import time

if __name__ == '__main__':
    os.setpgid(0, 0)                          # 自己的进程组 / our own process group
    workers = []
    for i in range(3):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # 默认动作: 终止 / default: die
            while True:
                time.sleep(1)
        workers.append(pid)
    print('parent: group %d has the parent and workers %s' % (os.getpgrp(), workers), flush=True)
    time.sleep(0.5)
    try:
        print('parent: "Ctrl+C": os.killpg(%d, SIGINT)' % os.getpgrp(), flush=True)
        os.killpg(os.getpgrp(), signal.SIGINT)
        time.sleep(1)                         # the KeyboardInterrupt arrives here
    except KeyboardInterrupt:
        print('parent: KeyboardInterrupt caught (SIGINT reached the parent too)', flush=True)
    for pid in workers:
        _, status = os.waitpid(pid, 0)
        print('parent: worker %d was killed by signal %d' % (pid, os.WTERMSIG(status)), flush=True)
