#!/usr/bin/python3
"""Local RTSP "camera" for the demo site, tests and benchmarks.

Serves a live test picture (moving colour bars + wall-clock + label) over RTSP
using GStreamer's RTSP server.  Run it with the SYSTEM interpreter, which has
PyGObject (`gi`); the project's pyenv python usually does not:

    /usr/bin/python3 resources/demo_camera.py --port 8554 --codec h264 --audio aac

Once listening it prints exactly one line, `READY rtsp://HOST:PORT/PATH`, so a
parent process can wait for it.  Exit codes: 0 on SIGTERM/SIGINT, 2 if the port
is busy, 1 if a required GStreamer element is missing.

Only the standard library and gi are imported on purpose: this file is also
started from tests on machines where the project's virtualenv is not usable.
"""
import argparse
import signal
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

ROLE = "viewer"
# --blink: white for the first BLINK_ON_S of every BLINK_PERIOD_S of wall-clock time, so a
# viewer that knows the period can tell camera-to-screen latency from the screen alone.
BLINK_PERIOD_S = 2.0
BLINK_ON_S = 0.5
PATTERN_BLACK, PATTERN_WHITE = 2, 3  # videotestsrc's "black" and "white"
# --timecode: the wall clock in tenths of a second (mod 2**24, Gray-coded: consecutive values
# differ in one block) as black/white blocks along the bottom edge, most significant first,
# drawn by cairo on each frame as it passes. recorder.demo.read_timecode decodes it.
TIMECODE_BITS = 24


def yes_no(text):
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected yes or no, not {text!r}")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Local RTSP test camera (GStreamer).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8554, help="RTSP port; 0 picks a free one")
    p.add_argument("--path", default="/cam", help="mount path of the main stream")
    p.add_argument("--codec", choices=("h264", "h265"), default="h264")
    p.add_argument("--audio", choices=("none", "alaw", "mulaw", "aac"), default="none")
    p.add_argument("--user", help="enable RTSP basic auth with this user name")
    p.add_argument("--password", help="password for --user")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from stdin's first line (the command line is seen by every user)")
    p.add_argument("--width", type=int, default=640)
    p.add_argument("--height", type=int, default=360)
    p.add_argument("--fps", type=int, default=15)
    p.add_argument("--gop-seconds", type=float, default=1.0, help="keyframe interval in seconds")
    p.add_argument("--bitrate-kbps", type=int, default=600)
    p.add_argument("--label", default="VMS demo camera", help="text drawn on the picture")
    p.add_argument("--sub-path", help="optional second mount with a low-res substream")
    p.add_argument("--sub-width", type=int, default=320)
    p.add_argument("--sub-height", type=int, default=180)
    p.add_argument("--sub-bitrate-kbps", type=int, default=200)
    # An optional value too, so DemoCamera(blink=True) can pass it as "--blink True".
    p.add_argument("--blink", nargs="?", const=True, default=False, type=yes_no,
                   help=f"whole picture white for {BLINK_ON_S} s at the start of every "
                        f"{BLINK_PERIOD_S:g} s of wall-clock time, black otherwise (latency tests)")
    p.add_argument("--timecode", nargs="?", const=True, default=False, type=yes_no,
                   help="the wall-clock time as blocks along the bottom edge (playback tests)")
    p.add_argument("--motion-period", type=float, default=0.0,
                   help="a still scene where a box crosses the picture during the first --motion-on "
                        "seconds of every period of wall-clock time (motion detection tests)")
    p.add_argument("--motion-on", type=float, default=5.0, help="seconds of motion in each period")
    p.add_argument("--drop-every", type=int, default=0,
                   help="lose one encoded frame in this many before it is sent, never a keyframe: a camera "
                        "losing frames (frame loss tests); SIGUSR1 stops and restarts the losses; 0 sends them all")
    args = p.parse_args(argv)
    if args.password_stdin:
        args.password = sys.stdin.readline().rstrip("\r\n")
    if bool(args.user) != bool(args.password):
        p.error("--user and --password must be given together")
    for name in ("path", "sub_path"):
        value = getattr(args, name)
        if value and not value.startswith("/"):
            setattr(args, name, "/" + value)
    return args


def aac_encoder():
    # Debian ships avenc_aac (gstreamer1.0-libav); voaacenc (plugins-bad) is a fallback.
    for name in ("avenc_aac", "voaacenc"):
        if Gst.ElementFactory.find(name):
            return name
    return None


def video_branch(args, width, height, bitrate):
    keyint = max(1, round(args.fps * args.gop_seconds))
    raw = f"video/x-raw,format=I420,width={width},height={height},framerate={args.fps}/1"
    # Motion over the whole frame (scrolling bars) so the encoder does realistic
    # work and recorders see changing content; is-live paces it in real time.
    speed = 0 if args.motion_period else 2
    pattern = "smpte75" if args.motion_period else "smpte"  # smpte has a corner of snow: motion everywhere
    src = f"videotestsrc name=src is-live=true pattern={pattern} horizontal-speed={speed} ! {raw} "
    if args.timecode or args.motion_period:  # cairo draws in BGRx; back to I420 for the encoder
        src += f"! videoconvert ! cairooverlay name=draw ! videoconvert ! {raw} "
    src += (
        # Host wall-clock on the picture lets tests eyeball end-to-end latency.
        # The label text is set later in media-configure: no quoting issues.
        "! clockoverlay name=overlay time-format=\"%Y-%m-%d %H:%M:%S\" "
        "halignment=left valignment=top shaded-background=true font-desc=\"Sans 14\" "
    )
    if args.codec == "h264":
        # ultrafast also disables scenecut, so keyframes come exactly every keyint.
        # threads=1: zerolatency would otherwise cut each frame into one slice per
        # thread, and rtph264pay then puts SPS/PPS before *every* IDR slice, which
        # makes ffmpeg split each keyframe into two packets. One thread = one slice.
        enc = (f"! x264enc speed-preset=ultrafast tune=zerolatency key-int-max={keyint} "
               f"bitrate={bitrate} threads=1 ")
        pay = "! rtph264pay name=pay0 pt=96 config-interval=-1"
    else:
        # min-keyint/scenecut pin the GOP (the property alone is only a maximum);
        # open-gop=0 makes every keyframe an IDR instead of a CRA, so rtph265pay
        # repeats VPS/SPS/PPS before it and recorders can cut segments there.
        enc = (f"! x265enc speed-preset=ultrafast tune=zerolatency key-int-max={keyint} "
               f"bitrate={bitrate} log-level=error option-string="
               f"\"keyint={keyint}:min-keyint={keyint}:scenecut=0:open-gop=0:info=0\" ")
        pay = "! rtph265pay name=pay0 pt=96 config-interval=-1"
    # config-interval=-1: VPS/SPS/PPS in front of every IDR, so a client joining a
    # shared stream mid-way can decode from the next keyframe.
    return src + enc + pay


def audio_branch(audio):
    if audio == "none":
        return ""
    # Quiet 440 Hz tone: audible proof that audio is flowing, without being loud.
    src = "audiotestsrc is-live=true wave=sine freq=440 volume=0.05 "
    if audio == "alaw":
        return src + "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay1 pt=8"
    if audio == "mulaw":
        return src + "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! mulawenc ! rtppcmupay name=pay1 pt=0"
    # AAC at 16 kHz mono as many IP cameras do; audioconvert feeds the encoder's format.
    return (src + "! audio/x-raw,rate=16000,channels=1 ! audioconvert ! "
            f"{aac_encoder()} bitrate=32000 ! rtpmp4gpay name=pay1 pt=97")


def blink_phase() -> int:
    return PATTERN_WHITE if time.time() % BLINK_PERIOD_S < BLINK_ON_S else PATTERN_BLACK


def start_blinking(sources):
    """Flip every registered videotestsrc between white and black on the wall clock. A 5 ms
    tick is far finer than a frame, so the switch lands on the first frame after the edge."""
    shown = [None]

    def tick():
        pattern = blink_phase()
        if pattern != shown[0]:
            for src in sources:
                src.set_property("pattern", pattern)
            shown[0] = pattern
        return GLib.SOURCE_CONTINUE

    GLib.timeout_add(5, tick)


def gray_bits(value):
    gray = value ^ (value >> 1)
    return [(gray >> (TIMECODE_BITS - 1 - i)) & 1 for i in range(TIMECODE_BITS)]


def motion_box(now, period, on, width, height):
    """Where the moving box is at this wall-clock time, or None outside the motion windows:
    it crosses from left to right during each window, so every picture differs from the last."""
    phase = now % period
    if phase >= on:
        return None
    bw, bh = width // 5, height // 4
    x = (width - bw) * phase / on
    return x, height * 0.4, bw, bh


def draw(overlay, ctx, timestamp, duration, info):
    """Called for every frame on the streaming thread."""
    args, size = info
    if args.motion_period:
        box = motion_box(time.time(), args.motion_period, args.motion_on, *size)
        if box is not None:
            ctx.set_source_rgb(0.95, 0.95, 0.95)
            ctx.rectangle(*box)
            ctx.fill()
    if args.timecode:
        draw_timecode(overlay, ctx, timestamp, duration, size)


def draw_timecode(_overlay, ctx, _timestamp, _duration, size):
    """The blocks for the time the frame passes by."""
    width, height = size
    band = max(8, height // 16)
    for i, bit in enumerate(gray_bits(int(time.time() * 10) % (1 << TIMECODE_BITS))):
        ctx.set_source_rgb(bit, bit, bit)
        x = i * width / TIMECODE_BITS
        ctx.rectangle(x, height - band, width / TIMECODE_BITS + 1, band)
        ctx.fill()


def drop_frames(_pad, info, state):
    """Drops one frame in every state["every"] on its way to the payloader, as a camera short
    of bandwidth does: the RTP timestamps then skip a frame. A keyframe due to go waits for the
    next frame, so exactly one in N goes on average and the picture recovers at each keyframe."""
    if not state["switch"]["on"]:
        return Gst.PadProbeReturn.OK
    state["seen"] += 1  # whole numbers: 20 * 0.05 falls short of 1.0 in floating point
    if state["seen"] >= state["every"] and info.get_buffer().has_flags(Gst.BufferFlags.DELTA_UNIT):
        state["seen"] -= state["every"]
        return Gst.PadProbeReturn.DROP
    return Gst.PadProbeReturn.OK


def make_factory(args, width, height, bitrate, permissions, blink_sources=None, drops=None):
    launch = f"( {video_branch(args, width, height, bitrate)} {audio_branch(args.audio)} )"
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    # One pipeline/encoder for all clients: 16 recorders cost one x264 instance.
    factory.set_shared(True)
    # Every PLAY carries "Range: npt=0-", and for a seekable pipeline (videotestsrc
    # is one) the server then does a flushing seek of the SHARED pipeline: each new
    # client would make the timestamps of all connected clients jump back to 0.
    # This clock mode marks the media non-seekable (SDP gains a=ts-refclk lines).
    factory.set_publish_clock_mode(GstRtspServer.RTSPPublishClockMode.CLOCK_AND_OFFSET)
    if permissions is not None:
        factory.set_permissions(permissions)

    def on_media_configure(_factory, media):
        overlay = media.get_element().get_by_name("overlay")
        if overlay is not None:
            overlay.set_property("text", args.label)
        src = media.get_element().get_by_name("src")
        if blink_sources is not None and src is not None:
            src.set_property("pattern", blink_phase())
            blink_sources.append(src)
            # A shared media is rebuilt once every client has left: forget the old source.
            media.connect("unprepared", lambda _media: blink_sources.remove(src))
        drawer = media.get_element().get_by_name("draw")
        if drawer is not None:
            drawer.connect("draw", draw, (args, (width, height)))
        if args.drop_every > 0:
            pay = media.get_element().get_by_name("pay0")
            state = {"every": args.drop_every, "seen": 0, "switch": drops}
            pay.get_static_pad("sink").add_probe(Gst.PadProbeType.BUFFER, drop_frames, state)

    factory.connect("media-configure", on_media_configure)
    return factory


def check_elements(args):
    needed = ["videotestsrc", "clockoverlay"] + (["videoconvert", "cairooverlay"]
                                                  if args.timecode or args.motion_period else [])
    needed += ["x264enc", "rtph264pay"] if args.codec == "h264" else ["x265enc", "rtph265pay"]
    if args.audio != "none":
        needed.append("audiotestsrc")
    needed += {"alaw": ["alawenc", "rtppcmapay"], "mulaw": ["mulawenc", "rtppcmupay"],
               "aac": ["audioconvert", aac_encoder() or "avenc_aac|voaacenc", "rtpmp4gpay"],
               "none": []}[args.audio]
    missing = [n for n in needed if not Gst.ElementFactory.find(n)]
    if missing:
        print(f"error: missing GStreamer elements: {', '.join(missing)}", file=sys.stderr)
        sys.exit(1)


def make_auth(args):
    """Basic auth: only the configured user gets a role that may see the media."""
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, ROLE)
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
    # Clients without (valid) credentials get no token -> 401 Unauthorized.
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role(ROLE, GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
    permissions.add_permission_for_role(ROLE, GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
    return auth, permissions


def main(argv=None):
    args = parse_args(argv)
    Gst.init(None)
    check_elements(args)

    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    server.set_backlog(64)  # default is 5; benchmarks connect 16 recorders at once

    permissions = None
    if args.user:
        auth, permissions = make_auth(args)
        server.set_auth(auth)

    blink_sources = [] if args.blink else None
    if args.blink:
        start_blinking(blink_sources)
    drops = {"on": True}  # SIGUSR1 switches the losses of every stream
    mounts = server.get_mount_points()
    mounts.add_factory(args.path, make_factory(
        args, args.width, args.height, args.bitrate_kbps, permissions, blink_sources, drops))
    if args.sub_path:
        mounts.add_factory(args.sub_path, make_factory(
            args, args.sub_width, args.sub_height, args.sub_bitrate_kbps, permissions, blink_sources, drops))

    # attach() creates and binds the listening socket; 0 means it failed, which
    # in practice is "address already in use" (or an address we cannot bind).
    if server.attach(None) == 0:
        print(f"error: cannot listen on {args.host}:{args.port} (port busy?)", file=sys.stderr)
        return 2

    loop = GLib.MainLoop()

    def on_signal(*_):
        loop.quit()
        return GLib.SOURCE_REMOVE

    # Unhandled, SIGTERM kills us with status 143 and SIGINT surfaces as a
    # KeyboardInterrupt traceback; GLib-level handlers just quit the loop -> exit 0.
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, on_signal)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, on_signal)

    def toggle_drops(*_):
        drops["on"] = not drops["on"]
        return GLib.SOURCE_CONTINUE

    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGUSR1, toggle_drops)

    port = server.get_bound_port()  # the real port, also when --port 0
    if args.sub_path:
        print(f"substream: rtsp://{args.host}:{port}{args.sub_path}", file=sys.stderr)
    print(f"READY rtsp://{args.host}:{port}{args.path}", flush=True)

    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
