"""The README's promises: the quickstart runs, its links exist, CI runs its test command."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_quickstart_runs(capsys):
    code = re.search(r"## Quickstart\n\n```python\n(.*?)```", README, re.S).group(1)
    exec(compile(code, "README quickstart", "exec"), {})
    assert "test accuracy: 0.9" in capsys.readouterr().out


def test_every_local_link_exists():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    missing = [link for link in links if not link.startswith("http") and not (ROOT / link).exists()]
    assert not missing


def test_ci_runs_the_readme_test_command():
    block = re.search(r"<!-- test-command -->\n```bash\n(.*?)\n```\n<!-- /test-command -->", README, re.S)
    assert block and "pytest" in block.group(1)
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text()
