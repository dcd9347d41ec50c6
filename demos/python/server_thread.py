#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""基于threading的多线程网络并发 / A thread per client, with socketserver.

socketserver.ThreadingTCPServer starts a new thread for every connection
and calls the handler's handle() in it.  Three clients are served at the
same time in one process.  serve_forever() runs in its own thread so the
main thread can shut the server down when the clients are done.
"""
import socketserver
import threading

from io_clients import echo_talker, fork_client, wait_clients


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        threading.current_thread().name = 'handler'
        while True:
            data = self.request.recv(1024)
            if not data:
                break
            self.request.send(data)


if __name__ == '__main__':
    threading.current_thread().name = 'thread-server'
    server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), EchoHandler)  # port 0: any free port
    port = server.server_address[1]
    serving = threading.Thread(target=server.serve_forever, name='serve_forever')
    serving.start()
    clients = [fork_client('client-%d' % i, echo_talker, port, i) for i in (1, 2, 3)]
    ok = wait_clients(clients)
    server.shutdown()
    server.server_close()
    serving.join()
    print('server: %d of %d clients got every echo' % (ok, len(clients)))
