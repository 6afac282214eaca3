"""The analysis package stands alone: importing it pulls in neither Flask nor the web app."""
import subprocess
import sys


def test_analysis_imports_without_flask_or_surveyapp():
    code = (
        "import sys, analysis\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'surveyapp', 'flask_babel', 'werkzeug')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
