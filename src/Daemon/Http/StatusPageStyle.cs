namespace Failover.Daemon.Http;

/// <summary>The status page's inline stylesheet: no external resources, readable on a wall screen and a phone.</summary>
internal static class StatusPageStyle
{
    public const string Css = """
        :root { --master: #1f8a4c; --backup: #2f6db5; --init: #8a939c; --bad: #c0392b; --warn: #c77c02; --ok: #1f8a4c;
                --ink: #1d2329; --muted: #5f6b76; --line: #d9dee3; --card: #ffffff; --page: #f2f4f6; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--page); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        header { background: #1d2329; color: #fff; padding: 14px 28px; display: flex; align-items: baseline; gap: 18px; flex-wrap: wrap; }
        header h1 { margin: 0; font-size: 20px; font-weight: 600; }
        header .meta { color: #b8c2cc; font-size: 13px; }
        main { padding: 20px 28px 28px; max-width: 1240px; }
        h2 { font-size: 16px; margin: 26px 0 10px; }
        h3 { font-size: 14px; margin: 14px 0 6px; color: var(--muted); font-weight: 600; }
        .banner { border-radius: 8px; padding: 10px 18px; margin-bottom: 16px; font-size: 14px; }
        .banner.ok { background: #e3f4ea; border: 1px solid #a9d9bb; color: #14532d; font-weight: 600; }
        .banner.attention { background: #fff4e0; border: 1px solid #f0c46c; color: #6b4300; }
        .banner ul { margin: 4px 0 0; padding-left: 20px; }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
        .card h2 { margin: 0 0 2px; font-size: 18px; }
        .card .sub { color: var(--muted); font-size: 13px; margin-bottom: 10px; }
        table { border-collapse: collapse; width: 100%; }
        th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; padding: 4px 8px; border-bottom: 1px solid var(--line); }
        td { padding: 6px 8px; border-bottom: 1px solid #eef1f3; vertical-align: top; }
        tr:last-child td { border-bottom: 0; }
        .badge { display: inline-block; min-width: 64px; text-align: center; padding: 2px 9px; border-radius: 11px; color: #fff; font-weight: 600; font-size: 12px; letter-spacing: .03em; }
        .s-master { background: var(--master); fill: var(--master); }
        .s-backup { background: var(--backup); fill: var(--backup); }
        .s-init, .s-unknown { background: var(--init); fill: var(--init); }
        .s-stopped { background: #d4c5a9; fill: #d4c5a9; }
        .tl-none-key { background: #eef1f3; border: 1px solid #d9dee3; }
        .h-up { background: var(--ok); } .h-down { background: var(--bad); } .h-unknown { background: var(--init); }
        .h-warn { background: var(--warn); }
        .big { font-size: 15px; padding: 4px 14px; min-width: 92px; }
        .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        .muted { color: var(--muted); }
        .why { color: var(--muted); font-size: 13px; }
        .alert { color: var(--bad); font-weight: 600; }
        .group { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px; margin-top: 16px; }
        .group h2 { margin: 0 0 8px; display: flex; gap: 12px; align-items: center; }
        .facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin-bottom: 6px; }
        .facts div span { color: var(--muted); margin-right: 6px; }
        .timeline-card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
        svg.timeline { display: block; width: 100%; height: auto; font: 12px system-ui, "DejaVu Sans", sans-serif; }
        .tl-none { fill: #eef1f3; }
        .tl-change { stroke: #1d2329; stroke-width: 1.5; }
        .tl-axis, .tl-tick { stroke: #9aa4ad; stroke-width: 1; }
        .tl-hour { fill: var(--muted); }
        .tl-group { fill: var(--ink); font-weight: 600; font-size: 13px; }
        .legend { display: flex; gap: 16px; margin-top: 8px; color: var(--muted); font-size: 13px; align-items: center; }
        .legend i { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 6px; vertical-align: -2px; }
        footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
        a { color: var(--backup); }
        """;
}
