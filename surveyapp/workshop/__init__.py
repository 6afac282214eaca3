"""Workshop mode: findings on the big screen, group work on phones, a dot vote, a canvas.

Plain service modules (no Flask): ``workshops`` (create, configure, join codes), ``phases``
(what each phase allows), ``participants`` (join, group, role), ``notes`` (notes and summaries
that lose nothing when edited at once, with ``merge``), ``gallery`` (comments, +1), ``voting``
(proposals, merges, dots, ranked totals), ``canvas`` (the operating-model canvas) and
``text_export`` (notes, comments and summaries in the analysis package's input format).
Views: ``participant_views`` (``/w/``), and for facilitators (``/staff/workshops/...``)
``facilitator_views`` with ``facilitator_canvas`` on the blueprint of ``facilitator_access``.
"""
