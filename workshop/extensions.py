"""Extensions, created unbound; create_app binds them."""
from flask_socketio import SocketIO

socketio = SocketIO()
