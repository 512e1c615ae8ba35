#!/usr/bin/env python3
"""Runs the ```sh blocks of a Markdown notebook and writes each block's output into the ```text block that
follows it (creating it when missing), so the notebook shows what the commands print today.

Usage (from the repository root, after `swift build -c release`):
    scripts/run-notebook.py notebooks-md/01-checking-the-practice-guide.md

Commands run with `outcomes` resolved to .build/release/outcomes. Output is deterministic, so a re-run
changes the file only when the code or data changed.
"""
import os, re, subprocess, sys

def run(block, env):
    result = subprocess.run(["bash", "-c", "set -o pipefail\n" + block], capture_output=True, text=True, env=env)
    out = result.stdout + result.stderr
    if result.returncode not in (0, 1):
        out += f"(exit status {result.returncode})\n"
    return out

def main(path):
    root = os.getcwd()
    env = dict(os.environ)
    env["PATH"] = os.path.join(root, ".build", "release") + os.pathsep + env["PATH"]
    text = open(path, encoding="utf-8").read()
    pattern = re.compile(r"```sh\n(.*?)```\n(\n```text\n.*?```\n)?", re.S)
    def replace(m):
        output = run(m.group(1), env)
        return "```sh\n" + m.group(1) + "```\n\n```text\n" + output + ("" if output.endswith("\n") else "\n") + "```\n"
    new = pattern.sub(replace, text)
    open(path, "w", encoding="utf-8").write(new)

if __name__ == "__main__":
    for p in sys.argv[1:]:
        main(p)
