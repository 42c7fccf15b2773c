"""The JSON API under /api: everything the UI does, described by the OpenAPI schema at /openapi.json.

Reads need a session (or the public read-only mode); writes need an editor session and the session's CSRF token
in the ``X-CSRF-Token`` header. ``POST /api/login`` takes JSON, which a browser cannot send cross-site without
CORS, so it needs no CSRF token itself; it returns the token for the writes that follow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field

from incidentdb.log import get_logger
from incidentdb.store import Store
from incidentdb.web import auth, detail, queries, review_actions
from incidentdb.web.app import current_user
from incidentdb.web.deps import api_admin, api_admin_reader, api_editor, api_reader, get_store

router = APIRouter(prefix="/api", tags=["api"])
log = get_logger(__name__)
SortKey = Literal["date", "killed", "injured", "admin1", "event_type", "grade", "place"]


class LoginRequest(BaseModel):
    name: str
    password: str


class SessionInfo(BaseModel):
    user: str | None
    role: str | None
    csrf_token: str
    public_read_only: bool


class Reason(BaseModel):
    reason: str = Field(..., min_length=1, description="Why: required for every review decision.")


class EditRequest(Reason):
    fields: dict[str, Any] = Field(
        ..., description="Flat field names to new values, e.g. {'killed.best': 8, 'location.admin1': 'Homs'}."
    )


class MergeRequest(Reason):
    ids: list[str] = Field(..., min_length=2, description="Incident ids; the first one is kept.")


class SplitRequest(Reason):
    mentions: list[int] = Field(..., min_length=1, description="Positions (0-based) of the mentions to move.")


class DecisionResult(BaseModel):
    decision: int
    incident: str | None = None


class NewUser(BaseModel):
    name: str = Field(..., min_length=1)
    role: str
    password: str = Field(..., min_length=8)


class ListResult(BaseModel):
    total: int
    count: int
    incidents: list[dict[str, Any]]


def incident_filter(
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    admin1: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    grade: str | None = None,
    q: str | None = Query(None, description="Free text: every word must appear."),
) -> queries.IncidentFilter:
    return queries.IncidentFilter(date_from, date_to, admin1, event_type, actor, grade, q)


def _session(request: Request) -> SessionInfo:
    user = current_user(request)
    return SessionInfo(
        user=user.name if user else None,
        role=user.role if user else None,
        csrf_token=auth.csrf_token(request),
        public_read_only=request.app.state.settings.public_read_only,
    )


@router.post("/login", summary="Sign in; sets the session cookie and returns the CSRF token")
def api_login(body: LoginRequest, request: Request, store: Store = Depends(get_store)) -> SessionInfo:
    info = store.get_user(body.name.strip())
    if info is None or not auth.verify_password(info.password_hash, body.password):
        log.warning("web.login_failed", user=body.name.strip()[:64], via="api")
        raise HTTPException(status_code=401, detail="wrong name or password")
    auth.login_session(request, auth.User(info.name, info.role))
    log.info("web.login", user=info.name, role=info.role, via="api")
    return _session(request)


@router.post("/logout", summary="Sign out")
def api_logout(request: Request) -> dict[str, bool]:
    auth.check_csrf(request, None)
    auth.logout_session(request)
    return {"ok": True}


@router.get("/session", summary="Who is signed in, and the CSRF token for writes")
def api_session(request: Request) -> SessionInfo:
    return _session(request)


@router.get("/incidents", summary="Incidents (review applied), filtered and sorted")
def api_incidents(
    flt: queries.IncidentFilter = Depends(incident_filter),
    sort: SortKey = "date",
    order: Literal["asc", "desc"] = "desc",
    limit: int = Query(1000, ge=1, le=100000),
    _user: Any = Depends(api_reader),
    store: Store = Depends(get_store),
) -> ListResult:
    incidents = review_actions.reviewed(store)
    chosen = queries.sort_incidents(queries.filter_incidents(incidents, flt), sort, order == "desc")
    return ListResult(total=len(incidents), count=len(chosen), incidents=chosen[:limit])


@router.get("/facets", summary="Values the filters offer")
def api_facets(_user: Any = Depends(api_reader), store: Store = Depends(get_store)) -> dict[str, list[str]]:
    return queries.facets(review_actions.reviewed(store))


@router.get("/map", summary="Incidents with coordinates as GeoJSON")
def api_map(
    flt: queries.IncidentFilter = Depends(incident_filter),
    _user: Any = Depends(api_reader),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return queries.map_features(queries.filter_incidents(review_actions.reviewed(store), flt))


@router.get("/timeline", summary="Incidents and fatalities per day or week")
def api_timeline(
    flt: queries.IncidentFilter = Depends(incident_filter),
    bucket: Literal["auto", "day", "week", "month"] = "auto",
    _user: Any = Depends(api_reader),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    chosen = queries.filter_incidents(review_actions.reviewed(store), flt)
    used = queries.timeline_bucket(chosen, bucket)
    return {"bucket": used, "buckets": queries.timeline(chosen, used)}


def _incident(store: Store, incident_id: str) -> dict[str, Any]:
    incident = review_actions.find_incident(store, incident_id)
    if incident is not None:
        return incident
    raise HTTPException(status_code=404, detail=f"no incident {incident_id}")


@router.get(
    "/incidents/{incident_id}", summary="One incident with its sources, claims, checks and audit trail"
)
def api_incident(
    incident_id: str, _user: Any = Depends(api_reader), store: Store = Depends(get_store)
) -> dict[str, Any]:
    incident = _incident(store, incident_id)
    cache = detail.ExtractionCache(store)
    members = detail.member_views(store, incident, cache)
    return {
        "incident": incident,
        "sources": [
            {
                "position": m.position,
                "document": m.document_ref,
                "source": m.source,
                "title": m.document.title if m.document else None,
                "mention": m.mention_index,
                "quote": m.quote,
                "claims": m.claims,
                "fields": m.fields,
            }
            for m in members
        ],
        "comparison": detail.comparison(members),
        "checks": detail.checks_for(
            store, [m.document_ref for m in members if m.document is not None], cache
        ),
        "audit": [_audit_json(e) for e in detail.audit_trail(store, incident_id)],
    }


def _audit_json(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.id,
        "who": entry.who,
        "at": entry.at.isoformat(),
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
        "why": entry.why,
    }


@router.get("/incidents/{incident_id}/audit", summary="The incident's audit trail, newest first")
def api_audit(
    incident_id: str, _user: Any = Depends(api_reader), store: Store = Depends(get_store)
) -> list[dict[str, Any]]:
    return [_audit_json(e) for e in detail.audit_trail(store, incident_id)]


def _run(action: Any) -> Any:
    try:
        return action()
    except review_actions.ReviewError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@router.post("/incidents/{incident_id}/edit", summary="Edit fields of an incident (editor)")
def api_edit(
    incident_id: str,
    body: EditRequest,
    user: auth.User = Depends(api_editor),
    store: Store = Depends(get_store),
) -> DecisionResult:
    decision = _run(
        lambda: review_actions.edit(store, incident_id, body.fields, who=user.name, why=body.reason)
    )
    return DecisionResult(decision=decision, incident=incident_id)


@router.post("/incidents/{incident_id}/confirm", summary="Confirm an incident (editor)")
def api_confirm(
    incident_id: str, body: Reason, user: auth.User = Depends(api_editor), store: Store = Depends(get_store)
) -> DecisionResult:
    decision = _run(lambda: review_actions.confirm(store, incident_id, who=user.name, why=body.reason))
    return DecisionResult(decision=decision, incident=incident_id)


@router.post("/incidents/{incident_id}/reject", summary="Reject an incident (editor)")
def api_reject(
    incident_id: str, body: Reason, user: auth.User = Depends(api_editor), store: Store = Depends(get_store)
) -> DecisionResult:
    decision = _run(lambda: review_actions.reject(store, incident_id, who=user.name, why=body.reason))
    return DecisionResult(decision=decision, incident=None)


@router.post("/merge", summary="Merge incidents into the first one named (editor)")
def api_merge(
    body: MergeRequest, user: auth.User = Depends(api_editor), store: Store = Depends(get_store)
) -> DecisionResult:
    decision = _run(lambda: review_actions.merge(store, body.ids, who=user.name, why=body.reason))
    return DecisionResult(decision=decision, incident=body.ids[0])


@router.post("/incidents/{incident_id}/split", summary="Move mentions into a new incident (editor)")
def api_split(
    incident_id: str,
    body: SplitRequest,
    user: auth.User = Depends(api_editor),
    store: Store = Depends(get_store),
) -> DecisionResult:
    decision, new_id = _run(
        lambda: review_actions.split(store, incident_id, body.mentions, who=user.name, why=body.reason)
    )
    return DecisionResult(decision=decision, incident=new_id)


@router.get("/documents", summary="Stored documents, newest first")
def api_documents(
    _user: Any = Depends(api_reader), store: Store = Depends(get_store)
) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "source": d.source,
            "url": d.url,
            "title": d.title,
            "version": d.version,
            "versions": d.versions,
            "published": d.published_stated.isoformat() if d.published_stated else None,
            "ingested_at": d.ingested_at.isoformat(),
        }
        for d in store.list_documents()
    ]


@router.get("/documents/{ref}", summary="A document: clean text, furniture spans, extraction (contract JSON)")
def api_document(
    ref: str, _user: Any = Depends(api_reader), store: Store = Depends(get_store)
) -> dict[str, Any]:
    from incidentdb.contract import to_contract

    try:
        document = store.get_document(ref)
        extraction = store.load_extraction(ref) if document is not None else None
    except LookupError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    if document is None:
        raise HTTPException(status_code=404, detail=f"no document {ref}")
    return {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "text": document.text,
        "noise": [{"start": s.start, "end": s.end, "quote": s.quote} for s in document.noise],
        "removed": list(document.removed),
        "extraction": to_contract(extraction) if extraction is not None else None,
    }


@router.post("/ingest", summary="Upload files to ingest, extract and link (editor); returns a job to poll")
async def api_ingest(
    request: Request, files: list[UploadFile] = File(...), user: auth.User = Depends(api_editor)
) -> dict[str, Any]:
    payload = [(f.filename or "upload.txt", await f.read()) for f in files]
    try:
        job = request.app.state.jobs.submit(payload, who=user.name)
    except ValueError as exc:
        raise HTTPException(status_code=413, detail=str(exc)) from exc
    return job.as_json()


@router.get("/jobs/{job_id}", summary="Progress of an ingest job")
def api_job(job_id: str, request: Request, _user: Any = Depends(api_reader)) -> dict[str, Any]:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"no job {job_id}")
    return job.as_json()


@router.get("/users", summary="Users and roles (admin)")
def api_users(
    _user: auth.User = Depends(api_admin_reader), store: Store = Depends(get_store)
) -> list[dict[str, str]]:
    return [{"name": u.name, "role": u.role} for u in store.list_users()]


@router.post("/users", summary="Add a user (admin)")
def api_add_user(
    body: NewUser, user: auth.User = Depends(api_admin), store: Store = Depends(get_store)
) -> dict[str, str]:
    try:
        auth.validate_role(body.role)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    if store.get_user(body.name) is not None:
        raise HTTPException(status_code=409, detail=f"user {body.name} exists already")
    store.add_user(body.name, body.role, auth.hash_password(body.password), who=user.name)
    return {"name": body.name, "role": body.role}
