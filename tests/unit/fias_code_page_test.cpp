#include <gtest/gtest.h>

#include <string>

#include "chansync/fias/code_page.h"

namespace chansync::fias {
namespace {

TEST(FiasCodePageTest, Cp850IsTheDefaultAndConvertsBothWays) {
  auto page = CodePage::Open(CodePage::kDefaultName);
  ASSERT_TRUE(page) << page.error().ToString();
  // é is 0x82 and ü 0x81 in CP850.
  EXPECT_EQ(page->ToWire("Müller Héloïse|101"), "M\x81ller H\x82lo\x8bse|101");
  EXPECT_EQ(page->FromWire("M\x81ller H\x82lo\x8bse|101"), "Müller Héloïse|101");
}

TEST(FiasCodePageTest, ACharacterTheCodePageLacksIsTransliteratedOrReplaced) {
  auto page = CodePage::Open("CP850");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->ToWire("10 €"), "10 EUR");
  EXPECT_EQ(page->ToWire("雪"), "?");
  EXPECT_EQ(page->ToWire("a\xff"
                         "b"),
            "a?b");  // not UTF-8
}

TEST(FiasCodePageTest, AnotherCodePageCanBeConfigured) {
  auto page = CodePage::Open("ISO-8859-1");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->ToWire("é"), "\xe9");
  EXPECT_EQ(page->FromWire("\xe9"), "é");
}

TEST(FiasCodePageTest, AnUnknownCodePageIsRefused) {
  auto page = CodePage::Open("NO-SUCH-PAGE-42");
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chansync::fias
