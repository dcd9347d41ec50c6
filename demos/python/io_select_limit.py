#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""select 的上限与 epoll / select with many connections, against epoll.

The tutorial: select scans every fd it is given on every call, and its
fd_set stops at 1024; epoll keeps the interest list in the kernel and
returns only the ready ones.  A child process, clients, opens 1100
connections to the server and writes one byte on one of them every 2 ms:
  1. select() on all 1100: refused, an fd is over the limit (FD_SETSIZE);
  2. select() on the first 1000, 200 times: each call hands the kernel
     1000 fds to scan, for one that is ready;
  3. epoll with all 1100 registered once, 200 times: each call returns the
     one ready connection.
It prints what each call cost the server, in CPU time.
"""
import os
import resource
import select
import socket
import threading
import time

CONNECTIONS = 1100
ROUNDS = 200
GAP = 0.002


def clients_process(port, go):
    """Opens CONNECTIONS connections; for each "go" byte, talks ROUNDS times."""
    connections = [socket.create_connection(('127.0.0.1', port)) for _ in range(CONNECTIONS)]
    while True:
        n = os.read(go, 4)
        if not n:
            break
        for i in range(ROUNDS):
            time.sleep(GAP)
            connections[i % int.from_bytes(n, 'little')].send(b'x')
    os._exit(0)


def serve(wait_for_one, what, n):
    """Waits for the ready connections and reads their bytes, until all
    ROUNDS bytes came (a late server finds two ready at once)."""
    os.write(go_w, n.to_bytes(4, 'little'))
    cpu = time.process_time()
    got = waits = 0
    while got < ROUNDS:
        waits += 1
        for conn in wait_for_one():
            conn.recv(1)
            got += 1
    cpu = time.process_time() - cpu
    print('%-32s %d waits, %6.1f us of the server\'s CPU each' % (what, waits, cpu / waits * 1e6), flush=True)
    return cpu / waits


if __name__ == '__main__':
    threading.current_thread().name = 'server'
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(CONNECTIONS)
    go_r, go_w = os.pipe()
    if os.fork() == 0:
        os.close(go_w)
        threading.current_thread().name = 'clients'
        clients_process(listener.getsockname()[1], go_r)
    os.close(go_r)
    served = [listener.accept()[0] for _ in range(CONNECTIONS)]
    print('%d connections, server fds %d..%d' % (CONNECTIONS, served[0].fileno(), served[-1].fileno()), flush=True)

    try:
        select.select(served, [], [], 0)
    except ValueError as error:
        print('1. select() on all %d: %s (FD_SETSIZE is 1024)' % (CONNECTIONS, error), flush=True)

    low = [conn for conn in served if conn.fileno() < 1024]
    select_cpu = serve(lambda: select.select(low, [], [])[0], '2. select() on %d fds:' % len(low), len(low))

    ep = select.epoll()
    by_fd = {conn.fileno(): conn for conn in served}
    for fd in by_fd:
        ep.register(fd, select.EPOLLIN)
    epoll_cpu = serve(lambda: [by_fd[fd] for fd, _ in ep.poll()], '3. epoll with %d registered:' % len(by_fd),
                      len(low))
    print('measured: a select() call cost %.1fx an epoll wait' % (select_cpu / epoll_cpu), flush=True)
    os.close(go_w)
    os.wait()
