"""Reports over any period in Slack (/deal report) and on a terminal (dealbot digest --print)."""
