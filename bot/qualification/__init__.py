"""BANT qualification: the written rule, the answers, and the gate before the qualified stage."""
