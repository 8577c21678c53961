"""The --profile trace of the library matmul kernel is valid Chrome trace-event JSON (the format
ui.perfetto.dev and chrome://tracing read): a traceEvents array of metadata (M) events naming the
process and one thread per engine and DMA queue, and complete (X) events with numeric ts/dur in
microseconds, integer pid/tid, a name, and args linking each slice to its source line."""
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nki_testing import SOURCE_DIR, nki_bin  # noqa: E402

ENGINE_TRACKS = {"tensor", "vector", "scalar", "gpsimd", "sync"}


def test_matmul_trace_is_valid_trace_event_json(tmp_path):
    trace = tmp_path / "trace.json"
    proc = subprocess.run([nki_bin(), "run", "kernels/matmul.py:matmul", "--arg", "lhsT=random:256x128:bfloat16",
                           "--arg", "rhs=random:256x1024:bfloat16", "--profile", str(trace)],
                          capture_output=True, text=True, cwd=SOURCE_DIR)
    assert proc.returncode == 0, proc.stderr
    assert "estimated device time:" in proc.stdout
    doc = json.loads(trace.read_text())
    assert isinstance(doc, dict) and isinstance(doc["traceEvents"], list)
    assert doc.get("displayTimeUnit", "ms") in ("ms", "ns")
    threads, slices = {}, []
    for e in doc["traceEvents"]:
        assert e["ph"] in ("M", "X"), e
        assert isinstance(e["pid"], int) and isinstance(e["tid"], int) and isinstance(e["name"], str)
        if e["ph"] == "M":
            assert e["name"] in ("process_name", "thread_name", "thread_sort_index")
            assert isinstance(e["args"], dict)
            if e["name"] == "thread_name":
                threads[e["tid"]] = e["args"]["name"]
        else:
            assert isinstance(e["ts"], (int, float)) and isinstance(e["dur"], (int, float))
            assert e["ts"] >= 0 and e["dur"] >= 0
            slices.append(e)
    assert ENGINE_TRACKS <= set(threads.values())
    assert any(name.startswith("dma.q") for name in threads.values())
    names = {e["name"] for e in slices}
    assert {"dma_copy", "nc_matmul", "tensor_copy"} <= names
    for e in slices:
        assert e["tid"] in threads
        assert e["args"]["source"].startswith("matmul.py:")
        assert isinstance(e["args"]["waits"], list)
    # Slices on one track never overlap: every queue is in order.
    by_track = {}
    for e in sorted(slices, key=lambda e: e["ts"]):
        end = by_track.get(e["tid"], 0.0)
        assert e["ts"] >= end - 1e-9, e
        by_track[e["tid"]] = e["ts"] + e["dur"]
    # A matmul waits for its two loads.
    mm = next(e for e in slices if e["name"] == "nc_matmul")
    assert len(mm["args"]["waits"]) == 2


def test_json_summary(tmp_path):
    proc = subprocess.run([nki_bin(), "run", "kernels/matmul.py:matmul", "--arg", "lhsT=zeros:256x128:bfloat16",
                           "--arg", "rhs=zeros:256x1024:bfloat16", "--timing-only", "--json", "--target", "trn1"],
                          capture_output=True, text=True, cwd=SOURCE_DIR)
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)
    assert s["target"] == "trn1" and s["device_time_us"] > 0
    assert s["matmul_flops"] == 2 * 256 * 128 * 1024
    assert 0 < s["mfu_percent"] < 100 and s["matmul_dtype"] == "bf16"
    assert s["top_lines"] and s["top_lines"][0]["source"].startswith("matmul.py:")
