"""Lines repeated across documents of one site are dropped as `site_repeat`."""

from __future__ import annotations

from shuanglian.clean.pipeline import CleanStage
from shuanglian.clean.site_memory import SiteBoilerplate, site_key
from shuanglian.document import Document

SLOGAN = "奋进新征程 建功新时代 欢迎访问滨海在线"


FIELDS = ["新材料", "生物医药", "集成电路", "新能源汽车", "海洋装备", "航空航天"]


def _page(i: int) -> Document:
    field = FIELDS[i]
    raw = "\n".join([
        SLOGAN,
        f"滨海新区{field}领域重点项目集中开工，多家龙头企业参与建设。",
        f"这批{field}项目预计投产后将进一步完善区域产业链，带动上下游企业集聚。",
        f"{field}产业园负责人表示，将做好要素保障，推动项目早建成、早投产。",
        "欢迎关注滨海发布。",
    ])
    return Document(source=f"p{i}.txt", raw=raw, url=f"https://www.binhai.example.cn/news/{i}.html")


def test_site_key_uses_host() -> None:
    assert site_key(_page(1)) == "binhai.example.cn"
    assert site_key(Document(source="x", media="天津日报")) == "天津日报"
    assert site_key(Document(source="x")) is None


def test_repeated_lines_dropped_after_threshold() -> None:
    memory = SiteBoilerplate(min_docs=3)
    stage = CleanStage(site_memory=memory)
    docs = [stage(_page(i)) for i in range(1, 6)]
    assert memory.documents("binhai.example.cn") == 5
    # from the 4th page on, the slogan has been seen in 3 documents
    assert "site_repeat" not in docs[0].dropped_counts()
    assert sorted(d.text for d in docs[4].dropped if d.reason == "site_repeat") == sorted(
        [SLOGAN, "欢迎关注滨海发布。"]
    )
    assert "欢迎关注滨海发布。" not in docs[4].text
    assert docs[4].text.split("\n")[0] == "滨海新区航空航天领域重点项目集中开工，多家龙头企业参与建设。"
    assert "欢迎关注滨海发布。" in docs[0].text  # not yet known as boilerplate on the first page


def test_whole_article_copies_are_not_erased() -> None:
    memory = SiteBoilerplate(min_docs=2)
    stage = CleanStage(site_memory=memory)
    raw = "滨海新区重点项目集中开工，涉及新材料、生物医药等领域。\n这批项目预计投产后将完善区域产业链。"
    texts = [stage(Document(source=f"c{i}", raw=raw + f"\n第{i}版", url="http://a.example/x")).text
             for i in range(4)]
    assert all("滨海新区重点项目集中开工" in t for t in texts)


def test_observe_is_idempotent_per_document() -> None:
    memory = SiteBoilerplate(min_docs=2)
    memory.observe("s", "doc1", ["同一行"])
    memory.observe("s", "doc1", ["同一行"])
    assert not memory.is_repeated("s", "同一行")
    memory.observe("s", "doc2", ["同一行"])
    assert memory.is_repeated("s", "同一行")


def test_batch_counts_all_pages_first() -> None:
    memory = SiteBoilerplate(min_docs=3)
    docs = CleanStage(site_memory=memory).batch([_page(i) for i in range(1, 6)])
    assert all(d.error is None for d in docs)
    # even the first page loses the slogan: the batch saw it on five pages before cleaning
    assert SLOGAN in [d.text for d in docs[0].dropped if d.reason == "site_repeat"]
    assert docs[0].text.startswith("滨海新区生物医药领域重点项目集中开工")


def test_batch_isolates_failures() -> None:
    bad = Document(source="bad", raw=None)  # type: ignore[arg-type]
    docs = CleanStage().batch([bad, _page(1)])
    assert docs[0].error is not None and docs[0].error.startswith("clean: ")
    assert docs[1].error is None and docs[1].text
