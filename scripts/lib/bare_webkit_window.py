#!/usr/bin/python3
"""A bare WebKitGTK window showing one line of static HTML, no script: the
floor any app built on the system webview starts from. measure_app measures
its memory the same way as the app's, to show what the app itself adds."""
import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

window = Gtk.Window(title="bare WebKitGTK window")
window.set_default_size(1200, 800)
view = WebKit2.WebView()
window.add(view)
view.load_html("<!doctype html><html><body><h1>Hello</h1></body></html>", "about:blank")
window.connect("destroy", Gtk.main_quit)
window.show_all()
Gtk.main()
