"""The `flow:` section of a document: a process flow drawn only because an author defined it.

A flowchart guessed from the clause order lies (alternatives drawn one after the other,
costs drawn as steps); so a chart is drawn only from an explicit flow: steps, decisions
with labelled branches, parallel paths, lanes that are roles, and the clauses each step
comes from. Kept apart from model.py, which imports `Flow` for `Document.flow`.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

FLOW_ID_PATTERN = r"^[a-z][a-z0-9-]*$"

FlowId = Annotated[str, Field(pattern=FLOW_ID_PATTERN, max_length=40)]
FlowText = Annotated[str, Field(min_length=1)]


class FlowSource(BaseModel):
    """Immutable, unknown keys are errors (as every source model; see model.Source)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class FlowStepKind(str, enum.Enum):
    STEP = "step"  # an activity
    DECISION = "decision"  # a question; each branch is labelled with its answer
    PARALLEL = "parallel"  # the branches run side by side


class FlowBranch(FlowSource):
    """One way out of a decision or a parallel split."""

    label: str | None = Field(None, description="分支条件，如 质量问题 / 非质量原因（判断必填）")
    next: FlowId = Field(description="该分支的下一步（步骤 id）")


class FlowStep(FlowSource):
    """A box of the chart: an activity, a decision or a parallel split."""

    id: FlowId = Field(description="步骤标识（小写字母、数字、连字符），供 next 引用")
    kind: FlowStepKind = Field(FlowStepKind.STEP, description="step 活动 / decision 判断 / parallel 并行")
    text: FlowText = Field(description="框内文字（完整显示，不截断）")
    lane: FlowText = Field(description="泳道：执行该步的角色（handbook.yml roles 中的名称或别名）")
    clauses: tuple[FlowText, ...] = Field((), description="依据的条款号，如 5.1（须为本文件的条款）")
    next: FlowId | None = Field(None, description="下一步的 id；省略表示流程在此结束")
    branches: tuple[FlowBranch, ...] = Field((), description="判断或并行的分支")


class Flow(FlowSource):
    """The process flow of a document, as its text describes it."""

    title: FlowText = Field(description="流程名称，如 客户投诉处理流程")
    steps: tuple[FlowStep, ...] = Field(min_length=1, description="流程步骤；第一步为起点")
