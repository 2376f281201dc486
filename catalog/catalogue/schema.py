"""SQLAlchemy tables for the catalogue.

Lists that are only ever read whole (recognised by, industries, ...) are JSON columns; the skills a
credential teaches get their own indexed table because the recommender and the importer look credentials
up by skill, and must not scan the catalogue to do it.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class CatalogVersionRow(Base):
    """One row whose ``version`` every write bumps in its own transaction, so readers holding an
    in-memory index know cheaply when to rebuild it (a re-priced credential leaves the count unchanged)."""

    __tablename__ = "catalog_version"

    id = Column(Integer, primary_key=True)
    version = Column(Integer, nullable=False, default=0)
    changed_at = Column(DateTime, nullable=True)


class CatalogSchemaRow(Base):
    """The migrations applied to this database (catalog/catalogue/migrations.py), one row each."""

    __tablename__ = "catalog_schema"

    version = Column(Integer, primary_key=True)
    applied_at = Column(DateTime, nullable=False)


class ProviderRow(Base):
    __tablename__ = "providers"

    id = Column(String(120), primary_key=True)
    name = Column(String(300), nullable=False)
    kind = Column(String(40), nullable=False)
    url = Column(Text)
    country = Column(String(8))
    accreditation = Column(JSON, nullable=False, default=list)
    subscription_monthly = Column(Float)
    subscription_currency = Column(String(3))
    subscription_source = Column(Text)


class CredentialRow(Base):
    __tablename__ = "credentials"

    id = Column(String(160), primary_key=True)
    title = Column(String(400), nullable=False)
    provider_id = Column(String(120), ForeignKey("providers.id"), nullable=False, index=True)
    platform_id = Column(String(120), ForeignKey("providers.id"))
    type = Column(String(40), nullable=False)
    url = Column(Text)
    level = Column(String(20))
    hours = Column(Float)
    weeks = Column(Float)
    cost = Column(Float)
    currency = Column(String(3))
    pricing = Column(String(20))
    free_audit = Column(Boolean)
    financial_aid = Column(Boolean)
    delivery = Column(String(30))
    language = Column(String(12))
    assessment = Column(String(30))
    quality_assurance = Column(JSON, nullable=False, default=list)
    ects = Column(Float)
    eqf = Column(Integer)
    recognized_by = Column(JSON, nullable=False, default=list)
    industries = Column(JSON, nullable=False, default=list)
    roles = Column(JSON, nullable=False, default=list)
    is_part_of = Column(JSON, nullable=False, default=list)
    has_part = Column(JSON, nullable=False, default=list)
    is_preparation_for = Column(JSON, nullable=False, default=list)
    prerequisites = Column(JSON, nullable=False, default=list)
    entry_requirements = Column(JSON, nullable=False, default=list)
    rating = Column(Float)
    review_count = Column(Integer)
    badge = Column(String(30))
    last_verified = Column(Date)
    source_url = Column(Text)
    # A digest of the row and its skills as the importer wrote them (catalog/catalogue/store_writes.py):
    # a re-import compares digests instead of reading every stored row. NULL for rows written before it.
    content_hash = Column(String(64))

    skills = relationship(
        "CredentialSkillRow", cascade="all, delete-orphan", lazy="selectin", order_by="CredentialSkillRow.position"
    )


class CredentialSkillRow(Base):
    __tablename__ = "credential_skills"

    credential_id = Column(String(160), ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True)
    skill = Column(String(200), primary_key=True)
    position = Column(Integer, nullable=False, default=0)

    __table_args__ = (Index("ix_credential_skills_skill", "skill"),)
