#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程的创建 / fork + exec, and subprocess.Popen.

1. os.fork() then, in the child, os.execv('/bin/sleep', ...): the child
   keeps its pid but becomes another program; the parent waits for it.
2. subprocess.Popen(['sleep', '0.3']) does fork + exec in one call; the
   parent is free meanwhile, then p.wait() reaps it.
3. subprocess.run(['ls', '/'], stdout=PIPE): the output comes back
   through a pipe.
"""
import os
import subprocess

if __name__ == '__main__':
    pid = os.fork()
    if pid == 0:
        os.execv('/bin/sleep', ['sleep', '0.3'])  # 不再返回 / never returns
    print('parent: child %d now runs /bin/sleep (same pid, new program)' % pid, flush=True)
    os.waitpid(pid, 0)

    p = subprocess.Popen(['sleep', '0.3'])
    print('parent: Popen started sleep as %d; the parent goes on meanwhile' % p.pid, flush=True)
    print('parent: p.wait() ->', p.wait(), flush=True)

    out = subprocess.run(['ls', '/'], stdout=subprocess.PIPE, check=True).stdout
    print('parent: ls printed %d names into a pipe' % len(out.split()))
