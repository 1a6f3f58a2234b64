"""Interchange formats: Moodle competency framework CSV and 1EdTech CASE 1.1 JSON."""
