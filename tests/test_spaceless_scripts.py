"""Scripts written without spaces between words: Japanese and Chinese, and Thai, Lao,
Myanmar and Khmer. Every letter is a token, so a name glued to the next word is found
and blanked, however long it is (docs/generator.md, the paragraphs on CJK and marks)."""

from __future__ import annotations

from pathlib import Path

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.echoes import repeated_runs
from exam_sim.generator.masking import mask_forms, name_forms
from exam_sim.models import Deck, Direction, make_card
from exam_sim.text import BLANK

THAI = """คำศัพท์,ความหมาย
ปัญญาประดิษฐ์,ปัญญาประดิษฐ์คือความสามารถของเครื่องจักรในการเลียนแบบการคิดของมนุษย์
การเรียนรู้ของเครื่อง,การเรียนรู้ของเครื่องคือการที่คอมพิวเตอร์เรียนรู้จากข้อมูลโดยไม่ต้องเขียนโปรแกรมโดยตรง
โครงข่ายประสาทเทียม,แบบจำลองที่ประกอบด้วยชั้นของหน่วยประมวลผลที่เชื่อมต่อกัน
ข้อมูลฝึกสอน,ชุดข้อมูลที่ใช้สอนแบบจำลอง
ข้อมูลทดสอบ,ชุดข้อมูลที่ใช้วัดผลแบบจำลองหลังการฝึกสอน
การจำแนกประเภท,การทำนายว่าข้อมูลอยู่ในกลุ่มใด
การถดถอย,การทำนายค่าตัวเลขที่ต่อเนื่อง
การจัดกลุ่ม,การแบ่งข้อมูลออกเป็นกลุ่มโดยไม่มีป้ายกำกับ
"""


def test_a_thai_glossary_reads_its_header_and_blanks_its_names(tmp_path: Path) -> None:
    path = tmp_path / "th.csv"
    path.write_text(THAI, encoding="utf-8")
    deck = load_deck(path)
    assert len(deck.cards) == 8  # "คำศัพท์,ความหมาย" (term, meaning) names the columns
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        for seed in range(3):
            question = generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=seed)
            assert card.term not in question.stem, question.stem
    first = deck.cards[0]
    asked = generator.question(first.id, Direction.DEFINITION_TO_TERM, seed=0)
    assert asked.stem.startswith(BLANK + "คือ")  # "____ is the ability of machines…"


def test_a_name_longer_than_eight_characters_is_blanked() -> None:
    for name, text in (
        ("ニューラルネットワーク", "ニューラルネットワークは脳を模したモデルです"),
        ("畳み込みニューラルネットワーク", "畳み込みニューラルネットワークは画像に使われる"),
    ):
        assert mask_forms(text, name_forms([name])).startswith(BLANK), name


def test_a_japanese_card_s_long_name_is_not_left_in_its_stem() -> None:
    cards = [
        make_card(
            "ニューラルネットワーク", "ニューラルネットワークは脳の神経回路を模した数理モデル"
        ),
        make_card("決定木", "特徴量の値で分岐を繰り返して予測する木構造のモデル"),
        make_card("過学習", "訓練データに適合しすぎて未知のデータで性能が落ちること"),
        make_card("勾配降下法", "損失関数の勾配に沿ってパラメータを更新する最適化手法"),
    ]
    generator = QuestionGenerator(Deck(id="ja", title="ML", cards=cards))
    question = generator.question(cards[0].id, Direction.DEFINITION_TO_TERM, seed=1)
    assert "ニューラルネットワーク" not in question.stem


def test_runs_an_answer_repeats_are_read_for_kana_and_ideographs_only() -> None:
    # Thai letters are tokens too, but its syllables are no names: "การ" is everywhere
    assert repeated_runs("การเรียนรู้คืออะไร", "การเรียนรู้คือการที่ระบบเรียนรู้") == set()
    assert "レプリケーション" in repeated_runs(
        "レプリケーションとは何ですか？", "レプリケーションは同じデータのコピーを保つこと"
    )
