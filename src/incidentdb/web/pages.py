"""HTML pages. Thin: each route reads through the store and the shaping functions, then renders a template."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from incidentdb.log import get_logger
from incidentdb.records import ACLED_TYPES
from incidentdb.store import Store
from incidentdb.web import auth, detail, queries, review_actions
from incidentdb.web.app import base_context
from incidentdb.web.deps import get_store, page_admin, page_editor, page_reader

router = APIRouter(include_in_schema=False)
log = get_logger(__name__)
PAGE_SIZE = 200  # rows per page of the incident list
FILTER_FIELDS = ("date_from", "date_to", "admin1", "event_type", "actor", "grade", "q")


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    full = base_context(request)
    full["flash"], full["flash_kind"] = (
        request.session.pop("flash", None),
        request.session.pop("flash_kind", None),
    )
    full.update(context)
    return request.app.state.templates.TemplateResponse(request, template, full, status_code=status)


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.session["flash"] = message
    request.session["flash_kind"] = kind


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def filter_form(request: Request) -> tuple[queries.IncidentFilter, dict[str, str]]:
    params = request.query_params
    form = {k: params.get(k, "").strip() for k in FILTER_FIELDS}
    flt = queries.IncidentFilter(
        date_from=queries.parse_day(form["date_from"]),
        date_to=queries.parse_day(form["date_to"]),
        admin1=form["admin1"] or None,
        event_type=form["event_type"] or None,
        actor=form["actor"] or None,
        grade=form["grade"] or None,
        q=form["q"] or None,
    )
    return flt, form


def _query(form: dict[str, str], **extra: str) -> str:
    return urlencode({k: v for k, v in {**form, **extra}.items() if v})


@router.get("/")
def home() -> RedirectResponse:
    return redirect("/incidents")


@router.get("/login")
def login_page(request: Request, next: str = "/incidents") -> Response:
    return render(request, "login.html", {"next_url": next, "error": None})


def _safe_next(url: str) -> str:
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/incidents"


@router.post("/login")
def login(
    request: Request,
    name: str = Form(...),
    password: str = Form(...),
    csrf_token: str = Form(""),
    next: str = Form("/incidents"),
    store: Store = Depends(get_store),
) -> Response:
    auth.check_csrf(request, csrf_token)
    info = store.get_user(name.strip())
    if info is None or not auth.verify_password(info.password_hash, password):
        log.warning(
            "web.login_failed", user=name.strip()[:64], client=request.client.host if request.client else None
        )
        return render(request, "login.html", {"next_url": next, "error": "Wrong name or password."}, 401)
    auth.login_session(request, auth.User(info.name, info.role))
    log.info("web.login", user=info.name, role=info.role)
    return redirect(_safe_next(next))


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    auth.check_csrf(request, csrf_token)
    auth.logout_session(request)
    return redirect("/login")


@router.get("/incidents")
def incident_list(
    request: Request,
    sort: str = "date",
    order: str = "desc",
    page: int = 1,
    _user: Any = Depends(page_reader),
    store: Store = Depends(get_store),
) -> Response:
    flt, form = filter_form(request)
    incidents = review_actions.reviewed(store)
    chosen = queries.sort_incidents(queries.filter_incidents(incidents, flt), sort, order == "desc")
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    page = min(max(1, page), pages)
    shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    form.update(sort=sort, order=order)
    context = {
        "rows": [queries.summary(i) for i in shown],
        "matched": len(chosen),
        "total": len(incidents),
        "page": page,
        "pages": pages,
        "first": (page - 1) * PAGE_SIZE + 1,
        "facets": queries.facets(incidents),
        "form": form,
        "query_without_sort": _query({k: form[k] for k in FILTER_FIELDS}),
        "query_without_page": _query({k: form[k] for k in (*FILTER_FIELDS, "sort", "order")}),
    }
    return render(request, "incidents.html", context)


def _find_incident(store: Store, incident_id: str) -> dict[str, Any]:
    incident = review_actions.find_incident(store, incident_id)
    if incident is not None:
        return incident
    raise HTTPException(
        status_code=404, detail=f"No incident {incident_id} (it may have been merged or rejected)."
    )


def edit_fields(incident: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(form name, label, current value) for every editable field."""
    out: list[tuple[str, str, Any]] = []
    for name in review_actions.EDITABLE_TOP:
        out.append((name, name.replace("_", " "), incident.get(name)))
    for head, tails in review_actions.EDITABLE_NESTED.items():
        for tail in tails:
            out.append((f"{head}.{tail}", f"{head} {tail}", (incident.get(head) or {}).get(tail)))
    return out


@router.get("/incidents/{incident_id}")
def incident_page(
    request: Request, incident_id: str, _user: Any = Depends(page_reader), store: Store = Depends(get_store)
) -> Response:
    incident = review_actions.find_incident(store, incident_id)
    if incident is None:
        return _incident_gone(request, store, incident_id)
    cache = detail.ExtractionCache(store)
    members = detail.member_views(store, incident, cache)
    context = {
        "inc": incident,
        "summary": queries.summary(incident),
        "members": members,
        "comparison": detail.comparison(members),
        "checks": detail.checks_for(
            store, [m.document_ref for m in members if m.document is not None], cache
        ),
        "audit": detail.audit_trail(store, incident_id),
        "edit_fields": edit_fields(incident),
        "event_types": list(ACLED_TYPES),
        "grades": list(queries.GRADES),
    }
    return render(request, "incident.html", context)


def _incident_gone(request: Request, store: Store, incident_id: str) -> Response:
    """An id that is no longer shown: follow a merge, explain a rejection (with its trail), else 404."""
    trail = detail.audit_trail(store, incident_id)
    for entry in trail:  # newest first
        target = (entry.after or {}).get("merged_into")
        if entry.action == "merge" and target and target != incident_id:
            flash(request, f"Incident {incident_id} was merged into this one by {entry.who}: {entry.why}")
            return redirect(f"/incidents/{target}")
        if entry.action == "reject":
            message = f"Rejected by {entry.who} on {entry.at:%Y-%m-%d}: {entry.why}"
            return render(
                request,
                "incident_gone.html",
                {"incident_id": incident_id, "message": message, "audit": trail},
                410,
            )
    raise HTTPException(status_code=404, detail=f"No incident {incident_id}.")


def _review(
    request: Request, csrf_token: str, action: Any, ok_url: str, fail_url: str, message: str
) -> Response:
    """Run one review action from a form: CSRF first, then the action; errors come back as a flash message."""
    auth.check_csrf(request, csrf_token)
    try:
        result = action()
    except review_actions.ReviewError as exc:
        flash(request, str(exc), "error")
        return redirect(fail_url)
    flash(request, message.format(result=result))
    return redirect(ok_url)


@router.post("/incidents/merge")
async def merge_form(
    request: Request,
    ids: str = Form(...),
    other_ids: str = Form(""),
    reason: str = Form(""),
    csrf_token: str = Form(""),
    user: auth.User = Depends(page_editor),
    store: Store = Depends(get_store),
) -> Response:
    all_ids = [i.strip() for i in f"{ids},{other_ids}".split(",") if i.strip()]
    keep = all_ids[0] if all_ids else ""
    back = f"/incidents/{keep}" if other_ids else "/incidents"
    return _review(
        request,
        csrf_token,
        lambda: review_actions.merge(store, all_ids, who=user.name, why=reason),
        f"/incidents/{keep}",
        back,
        "Merged into this incident.",
    )


@router.post("/incidents/{incident_id}/edit")
async def edit_form(
    request: Request,
    incident_id: str,
    user: auth.User = Depends(page_editor),
    store: Store = Depends(get_store),
) -> Response:
    form = await request.form()
    editable = {name for name, _, _ in edit_fields({})}
    incident = _find_incident(store, incident_id)
    current = {name: value for name, _, value in edit_fields(incident)}
    changes = {}
    for name in editable:
        if name in form:
            submitted = str(form[name])
            before = current.get(name)
            if submitted.strip() != ("" if before is None else str(before)):
                changes[name] = submitted
    return _review(
        request,
        str(form.get("csrf_token", "")),
        lambda: review_actions.edit(
            store, incident_id, changes, who=user.name, why=str(form.get("reason", ""))
        ),
        f"/incidents/{incident_id}",
        f"/incidents/{incident_id}",
        "Edit saved.",
    )


@router.post("/incidents/{incident_id}/confirm")
async def confirm_form(
    request: Request,
    incident_id: str,
    reason: str = Form(""),
    csrf_token: str = Form(""),
    user: auth.User = Depends(page_editor),
    store: Store = Depends(get_store),
) -> Response:
    url = f"/incidents/{incident_id}"
    action = lambda: review_actions.confirm(store, incident_id, who=user.name, why=reason)  # noqa: E731
    return _review(request, csrf_token, action, url, url, "Incident confirmed.")


@router.post("/incidents/{incident_id}/reject")
async def reject_form(
    request: Request,
    incident_id: str,
    reason: str = Form(""),
    csrf_token: str = Form(""),
    user: auth.User = Depends(page_editor),
    store: Store = Depends(get_store),
) -> Response:
    action = lambda: review_actions.reject(store, incident_id, who=user.name, why=reason)  # noqa: E731
    return _review(
        request, csrf_token, action, "/incidents", f"/incidents/{incident_id}", "Incident rejected."
    )


@router.post("/incidents/{incident_id}/split")
async def split_form(
    request: Request,
    incident_id: str,
    user: auth.User = Depends(page_editor),
    store: Store = Depends(get_store),
) -> Response:
    form = await request.form()
    try:
        positions = [int(str(v)) for v in form.getlist("mentions")]
    except ValueError:
        positions = []
    url = f"/incidents/{incident_id}"
    return _review(
        request,
        str(form.get("csrf_token", "")),
        lambda: review_actions.split(
            store, incident_id, positions, who=user.name, why=str(form.get("reason", ""))
        ),
        url,
        url,
        "Split off as incident {result[1]}.",
    )


@router.get("/map")
def map_page(
    request: Request, _user: Any = Depends(page_reader), store: Store = Depends(get_store)
) -> Response:
    _, form = filter_form(request)
    incidents = review_actions.reviewed(store)
    return render(
        request, "map.html", {"form": form, "facets": queries.facets(incidents), "query": _query(form)}
    )


@router.get("/timeline")
def timeline_page(
    request: Request,
    bucket: str = "auto",
    _user: Any = Depends(page_reader),
    store: Store = Depends(get_store),
) -> Response:
    flt, form = filter_form(request)
    incidents = review_actions.reviewed(store)
    chosen = queries.filter_incidents(incidents, flt)
    used = queries.timeline_bucket(chosen, bucket)
    context = {
        "form": form,
        "facets": queries.facets(incidents),
        "bucket": bucket if bucket in queries.BUCKETS else "auto",
        "used": used,
        "buckets": queries.timeline(chosen, used),
        "query": _query(form, bucket=used),
    }
    return render(request, "timeline.html", context)


@router.get("/documents")
def document_list(
    request: Request,
    page: int = 1,
    q: str = "",
    _user: Any = Depends(page_reader),
    store: Store = Depends(get_store),
) -> Response:
    docs = store.list_documents()
    words = q.casefold().split()
    if words:
        docs = [d for d in docs if all(w in f"{d.title or ''} {d.source}".casefold() for w in words)]
    pages = max(1, -(-len(docs) // PAGE_SIZE))
    page = min(max(1, page), pages)
    context = {
        "docs": docs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "matched": len(docs),
        "page": page,
        "pages": pages,
        "q": q,
    }
    return render(request, "documents.html", context)


@router.get("/documents/{ref}")
def document_page(
    request: Request, ref: str, _user: Any = Depends(page_reader), store: Store = Depends(get_store)
) -> Response:
    try:
        document = store.get_document(ref)
        extraction = store.load_extraction(ref) if document is not None else None
    except LookupError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    if document is None:
        raise HTTPException(status_code=404, detail=f"No document {ref}.")
    context = {
        "doc": document,
        "view": detail.document_view(extraction, document),
        "citing": detail.incidents_citing(review_actions.reviewed(store), document),
        "versions": store.document_versions(document.id),
    }
    return render(request, "document.html", context)


@router.get("/ingest")
def ingest_page(request: Request, _user: Any = Depends(page_reader)) -> Response:
    return render(request, "ingest.html", {})


@router.get("/api")
def api_page(request: Request) -> Response:
    schema = request.app.openapi()
    routes = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, ops in schema.get("paths", {}).items()
        for method, op in ops.items()
    ]
    return render(request, "api.html", {"routes": routes})


@router.get("/admin/users")
def users_page(
    request: Request, _user: Any = Depends(page_admin), store: Store = Depends(get_store)
) -> Response:
    return render(request, "users.html", {"users": store.list_users(), "roles": auth.ROLES})


@router.post("/admin/users")
def add_user_form(
    request: Request,
    name: str = Form(...),
    role: str = Form(...),
    password: str = Form(...),
    csrf_token: str = Form(""),
    user: auth.User = Depends(page_admin),
    store: Store = Depends(get_store),
) -> Response:
    auth.check_csrf(request, csrf_token)
    try:
        auth.validate_role(role)
        if store.get_user(name.strip()) is not None:
            raise ValueError(f"user {name!r} exists already")
        store.add_user(name.strip(), role, auth.hash_password(password), who=user.name)
    except ValueError as exc:
        flash(request, str(exc), "error")
        return redirect("/admin/users")
    flash(request, f"User {name} added as {role}.")
    return redirect("/admin/users")
